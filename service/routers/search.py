"""/api/v1/search: full-text search over author names and work titles and abstracts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from service.deps import GraphDep
from service.repository import search as search_repo
from service.repository.graph import allowed
from service.schemas.problem import problem_responses
from service.schemas.search import SearchResults

router = APIRouter(tags=["search"],
                   responses=problem_responses(422, 503, 504))


@router.get("/search")
def search(
    graph: GraphDep,
    q: Annotated[str, Query(min_length=1, max_length=500, pattern=r"\S",
                            description="Lucene query syntax: words, \"phrases\", prefix*, "
                                        "fuzzy~, AND/OR/NOT, title:word")],
    types: Annotated[str | None, Query(max_length=100, description="author,work")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=search_repo.MAX_COUNTED,
                                 description="hits passed over (paging)")] = 0,
) -> SearchResults:
    """Ranked hits with their Lucene scores and a highlighted passage, one page from
    `offset`, and `total` (each type counted up to 10 000: `total_is_lower_bound`).

    Work hits carry their first five authors and the author count; author hits their
    trust score and band and the latest institution. A query Lucene cannot parse is a 422
    that says why.
    """
    return search_repo.search(graph, q.strip(),
                              allowed(types, search_repo.SEARCH_TYPES, "types"), limit,
                              offset)
