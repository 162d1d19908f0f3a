"""Reads behind /api/v1/authors/{id}/suggestions: collaborator fit (scoring/suggestions.py)."""

from __future__ import annotations

from threading import Lock
from typing import Any

from cachetools import TTLCache

from core.graph import Graph
from scoring.run_records import last_completed
from scoring.suggestions import (
    AuthorTopics,
    closest_candidates,
    collaboration_graph,
    proximity,
    suggest,
)
from scoring.topics import TOPIC_COUNT_THRESHOLD
from service.repository.resolve import read_entity, resolve_author
from service.schemas.authors import (
    CollaboratorSuggestion,
    CommonCollaborator,
    SuggestionsPage,
)

# What one request may walk: the strongest collaborators first, a bounded frontier after.
FIRST_FANOUT = 25
FANOUT = 10
FRONTIER = 40
TOPICS_COMPARED = 30  # each author's biggest topics: the cosine of the rest is noise


# A page is computed once per author and scoring run, then kept a while: the collaboration
# graph it walks changes only in a run (a claim starts one), but the topics, names and
# co-authorships it compares change with loads and merges, so a kept page lives at most
# KEPT_S. One page per author, at the largest size, sliced for smaller asks (a shorter page
# is a prefix of a longer one), keyed by our id, not the alias or external id asked with.
# Worst case a full page is ~0.7 MiB (50 suggestions, each with 30 topics and 25 common
# collaborators): KEPT_PAGES bounds a process to ~90 MiB; typical pages are a few KiB.
KEPT_PAGES = 128
KEPT_S = 600
LARGEST_PAGE = 50  # the API's bound on `limit` (service/routers/authors.py)
_pages: TTLCache[tuple[str, str], SuggestionsPage] = TTLCache(KEPT_PAGES, KEPT_S)
_pages_lock = Lock()


def list_suggestions(graph: Graph, author_id: str, limit: int) -> SuggestionsPage:
    """Researchers not yet co-authors, best fit first, with the evidence: computed once per
    author and completed scoring run, kept up to KEPT_S."""
    run = last_completed(graph)
    if run is None:  # nothing scored: no collaboration graph to walk, nothing worth keeping
        return _compute(graph, author_id, limit)
    key = (resolve_author(graph, author_id), run.id)
    with _pages_lock:
        page = _pages.get(key)
    if page is None:
        page = _compute(graph, key[0], LARGEST_PAGE)
        with _pages_lock:
            _pages[key] = page
    return page.model_copy(update={"items": page.items[:limit]})


def _compute(graph: Graph, author_id: str, limit: int) -> SuggestionsPage:
    """The walk, the proximity ranks and the topic comparison behind one page."""
    row = read_entity(graph, "authors/list_suggestion_graph", author_id, "Author",
                      first_fanout=FIRST_FANOUT, fanout=FANOUT, frontier=FRONTIER)
    names = {node["id"]: node["name"] for node in row["nodes"]}
    source_id = row["nodes"][0]["id"]
    network = collaboration_graph(list(names), row["edges"])
    ranks = proximity(network, source_id)
    # direct collaborators are co-authors; the rest are checked with their profiles
    candidates = closest_candidates(ranks, {source_id, *network[source_id]})
    profiles = _profiles(graph, source_id, [source_id, *candidates])
    source = profiles.pop(source_id)
    found = suggest(network, source, list(profiles.values()), ranks, names, limit)
    items = [CollaboratorSuggestion(
        id=s.id, name=s.name, claimed=s.claimed, score=s.score,
        topic_similarity=s.topic_similarity, proximity=s.proximity, path_length=s.path_length,
        shared_topics=s.shared_topics, reasons=s.reasons,
        common_collaborators=[CommonCollaborator(id=i, name=n) for i, n in s.common_collaborators])
        for s in found]
    return SuggestionsPage(author_id=source_id, items=items,
                           note=None if items else _empty_note(network, source_id, len(profiles)))


def _profiles(graph: Graph, source_id: str, ids: list[str]) -> dict[str, AuthorTopics]:
    """Name, claimed and works per topic of the source and of each author in `ids` who
    shares no work with it."""
    rows = graph.read("authors/list_suggestion_profiles", source=source_id, ids=ids,
                      topic_min_score=TOPIC_COUNT_THRESHOLD, top_topics=TOPICS_COMPARED)
    return {r["id"]: AuthorTopics(r["id"], r["name"], r["claimed"], _topics(r["topics"]))
            for r in rows if r["id"] == source_id or not r["coauthor"]}


def _topics(rows: list[dict[str, Any]]) -> dict[str, tuple[str | None, int]]:
    """topic id → (name, works)."""
    return {t["id"]: (t["name"], t["works"]) for t in rows}


def _empty_note(network: Any, source_id: str, others: int) -> str:
    """Why there is nothing to suggest, in words a researcher can act on."""
    if network.degree(source_id) == 0:
        return ("No collaborations are recorded for this researcher yet: suggestions come "
                "from the collaboration graph, which the next scoring run fills in.")
    if not others:
        return ("Everyone within reach in the collaboration graph already shares a work with "
                "this researcher.")
    return "No researcher within reach shares a topic with this researcher's works."
