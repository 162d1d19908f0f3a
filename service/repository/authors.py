"""Reads behind /api/v1/authors/…: the profile snapshot, works pages and collaborators."""

from __future__ import annotations

import json
import logging
from typing import Any

from core.graph import Graph
from core.values import native
from scoring.collaboration import CLOSE_SHARED_WORKS
from scoring.topics import TOPIC_COUNT_THRESHOLD
from service.repository.cursor import decode_cursor, encode_cursor
from service.repository.resolve import read_entity
from service.schemas.authors import (
    CollaboratorsPage,
    Profile,
    ProfileCounts,
    Trust,
    Verification,
    WorksPage,
    WorkSummary,
)

log = logging.getLogger("peergraph")

TOP_TOPICS = 5
AUTHORS_PER_WORK = 10


def get_profile(graph: Graph, author_id: str, top_topics: int = TOP_TOPICS) -> Profile:
    """The profile snapshot of an author found by any of its ids (`top_topics` listed)."""
    row = read_entity(graph, "authors/get_profile", author_id, "Author",
                      close_min=CLOSE_SHARED_WORKS, topic_min_score=TOPIC_COUNT_THRESHOLD,
                      top_topics=top_topics)
    author = row["author"]
    return Profile(
        id=author["id"], name=author["name"], orcid=author["orcid"],
        openalex_id=author["openalex_id"], claimed=row["claimed"],
        trust=_trust(author), verification=_verification(author),
        counts=ProfileCounts(works=row["works"], followers=row["followers"],
                             topics=row["topics"],
                             close_collaborators=row["close_collaborators"]),
        institutions=row["institutions"], top_topics=row["top_topics"])


def _trust(author: dict[str, Any]) -> Trust | None:
    """The trust block, or None while the author is unscored."""
    if author["trust_score"] is None:
        return None
    scored_at = author["scored_at"]
    return Trust(score=author["trust_score"], band=author["trust_band"],
                 breakdown=_breakdown(author["id"], author["trust_breakdown"]),
                 scored_at=native(scored_at),
                 version=author["score_version"])


def _breakdown(author_id: str, text: str | None) -> dict[str, Any]:
    """The per-signal breakdown from its stored JSON; a damaged one is logged, not fatal."""
    if not text:
        return {}
    try:
        parsed = json.loads(text)
    except ValueError:
        log.warning("author %s has a trust_breakdown that is not JSON", author_id)
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _verification(author: dict[str, Any]) -> Verification | None:
    """The verification block, or None while the author is unscored."""
    if author["verification_level"] is None:
        return None
    return Verification(level=author["verification_level"], label=author["verification_label"],
                        reasons=list(author["verification_reasons"] or []))


def list_works(graph: Graph, author_id: str, *, limit: int,
               cursor: str | None, year_from: int | None, year_to: int | None,
               work_type: str | None, skip: int = 0) -> WorksPage:
    """One page of works, newest first; next_cursor continues after its last item (`skip`
    passes over works first: the web page's numbered pages)."""
    after_year, after_id = decode_cursor(cursor) if cursor else (None, None)
    row = read_entity(graph, "authors/list_works", author_id, "Author",
                      year_from=year_from, year_to=year_to, type=work_type,
                      after_year=after_year, after_id=after_id, skip=skip, limit=limit + 1,
                      max_authors=AUTHORS_PER_WORK)
    items = row["items"]
    more = len(items) > limit
    items = items[:limit]
    next_cursor = encode_cursor(items[-1]["sort_year"], items[-1]["id"]) if more else None
    return WorksPage(author_id=row["id"], total=row["total"],
                     items=[WorkSummary.model_validate(item) for item in items],
                     next_cursor=next_cursor)


def list_collaborators(graph: Graph, author_id: str,
                       limit: int) -> CollaboratorsPage:
    """Co-authors ranked by shared works, then by the most recent shared year."""
    row = read_entity(graph, "authors/list_collaborators", author_id, "Author",
                      close_min=CLOSE_SHARED_WORKS, limit=limit)
    return CollaboratorsPage(author_id=row["id"], total=row["total"],
                             close_total=row["close_total"], items=row["items"])
