"""/api/v1/authors/{id}: the profile snapshot, works (cursor pages) and collaborators."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from core.errors import InvalidParameter
from service.deps import GraphDep
from service.encoding import encoded
from service.repository import authors, context, duplicates, suggestions
from service.schemas.authors import CollaboratorsPage, Profile, SuggestionsPage, WorksPage
from service.schemas.duplicates import PossibleDuplicates
from service.schemas.graph import AuthorContext, SharedWorks
from service.schemas.problem import problem_responses

router = APIRouter(prefix="/authors", tags=["authors"],
                   responses=problem_responses(404, 422, 503, 504))

# `:anyid` because OpenAlex and ORCID URLs contain slashes (see service/id_path.py).
AuthorId = Annotated[str, Path(
    max_length=512, description="Our id, an OpenAlex id or URL, an ORCID iD or URL, or an "
                                "alias of a merged-away record",
    examples=["researcher0", "https://openalex.org/A5023888391", "0000-0002-1825-0097"])]


# The sub-resources come first: a URL-form id would also match `{author_id:anyid}` alone.
# Hot paths: `async def` + `encoded` = one thread-pool hop per request, the JSON written once
# (service/encoding.py); `response_model` keeps the OpenAPI document as it was.
@router.get("/{author_id:anyid}/works", response_model=WorksPage)
async def author_works(
    author_id: AuthorId, graph: GraphDep,
    limit: Annotated[int, Query(ge=1, le=100, description="works per page")] = 20,
    cursor: Annotated[str | None, Query(max_length=512, description="next_cursor of the "
                                        "previous page")] = None,
    year_from: Annotated[int | None, Query(ge=0, le=9999)] = None,
    year_to: Annotated[int | None, Query(ge=0, le=9999)] = None,
    type: Annotated[str | None, Query(max_length=64, description="e.g. article, preprint")]
    = None,
) -> Response:
    """The author's works, newest first (works without a year last), in stable cursor pages."""
    if year_from is not None and year_to is not None and year_from > year_to:
        message = f"year_from ({year_from}) is after year_to ({year_to})"
        raise InvalidParameter(message, errors=[{"parameter": "year_from", "in": "query",
                                                 "message": message}])
    return await encoded(authors.list_works, graph, author_id, limit=limit,
                         cursor=cursor, year_from=year_from, year_to=year_to, work_type=type)


@router.get("/{author_id:anyid}/collaborators", response_model=CollaboratorsPage)
async def author_collaborators(
    author_id: AuthorId, graph: GraphDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> Response:
    """Co-authors ranked by shared works, then by the most recent shared year."""
    return await encoded(authors.list_collaborators, graph, author_id, limit)


@router.get("/{author_id:anyid}/suggestions", response_model=SuggestionsPage)
async def author_suggestions(
    author_id: AuthorId, graph: GraphDep,
    limit: Annotated[int, Query(ge=1, le=suggestions.LARGEST_PAGE,
                                 description="suggestions listed")] = 10,
) -> Response:
    """Researchers who are not yet co-authors, ranked by topic similarity times network proximity.

    Proximity is a personalised PageRank from the author over the collaboration graph (the
    COLLABORATES_WITH edges scoring writes), walked from the strongest collaborators out to
    three steps; topic similarity is the cosine of the two authors' works per topic. Each
    suggestion says why (shared topics, collaborators in common, steps apart) and whether a
    researcher holds the record (they can be invited). The same graph gives the same list.
    """
    return await encoded(suggestions.list_suggestions, graph, author_id, limit)


@router.get("/{author_id:anyid}/context", response_model=AuthorContext)
async def author_context(
    author_id: AuthorId, graph: GraphDep,
    collaborators: Annotated[int, Query(ge=0, le=50, description="co-authors drawn")] = 12,
    topics: Annotated[int, Query(ge=0, le=30, description="topics drawn")] = 6,
    institutions: Annotated[int, Query(ge=0, le=20, description="institutions drawn")] = 4,
    venues: Annotated[int, Query(ge=0, le=20, description="venues drawn")] = 3,
) -> Response:
    """The researcher in context, ready to draw: the closest co-authors (ranked by shared
    works, and linked among themselves), the main topics, institutions and venues.

    Works are not drawn but counted: `shared_works` on each COLLABORATES_WITH edge, `works`
    on WORKS_ON (author to topic) and PUBLISHES_IN (author to venue) edges, and the author's
    `works_count`. Computed from the graph, so it is there before scoring has run.
    """
    return await encoded(context.author_context, graph, author_id,
                         collaborators=collaborators, topics=topics,
                         institutions=institutions, venues=venues)


@router.get("/{author_id:anyid}/shared-works", response_model=SharedWorks)
async def author_shared_works(
    author_id: AuthorId, graph: GraphDep,
    with_: Annotated[str, Query(alias="with", min_length=1, max_length=512,
                                description="the other author (any of its ids)")],
    limit: Annotated[int, Query(ge=1, le=200, description="works drawn")] = 30,
) -> Response:
    """The works two authors share (newest first), each linked to both: what a collaboration
    edge of the context stands for."""
    return await encoded(context.shared_works, graph, author_id, with_, limit)


@router.get("/{author_id:anyid}/possible-duplicates", response_model=PossibleDuplicates)
async def author_possible_duplicates(author_id: AuthorId, graph: GraphDep) -> Response:
    """Authors with the same normalised name and something else in common (a shared work,
    co-author or strong topic overlap), with that evidence: proposals, never merged."""
    return await encoded(duplicates.possible_duplicates, graph, author_id)


@router.get("/{author_id:anyid}", response_model=Profile)
async def author_profile(author_id: AuthorId, graph: GraphDep) -> Response:
    """The profile snapshot: trust, verification, counts, institutions, top topics.

    Topics count the distinct topics of the author's works with an ABOUT score of at least
    0.3; close collaborators are co-authors with at least 2 shared works. Both are computed
    from the graph, so they are there before scoring has run; `trust` and `verification`
    are null until then.
    """
    return await encoded(authors.get_profile, graph, author_id)
