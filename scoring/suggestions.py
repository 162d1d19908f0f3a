"""Collaborator fit: researchers not yet co-authors, by topic similarity times network proximity."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from math import sqrt

import networkx as nx

# Personalised PageRank from the author over the collaboration graph: at each step the walk
# goes back to the author with probability 1 - PROXIMITY_DAMPING, so the mass stays near it.
PROXIMITY_DAMPING = 0.85
# How many candidates (the closest by PageRank) have their topics compared.
CANDIDATES_COMPARED = 100
SHARED_TOPICS_NAMED = 3
COMMON_COLLABORATORS_NAMED = 3


@dataclass(frozen=True)
class AuthorTopics:
    """What suggestions know of an author: name, whether a researcher holds the record,
    and its works per topic (topic id → (name, works))."""

    id: str
    name: str | None
    claimed: bool
    topics: Mapping[str, tuple[str | None, int]]


@dataclass(frozen=True)
class Suggestion:
    """One suggested collaborator, its score's two factors, and the evidence for it."""

    id: str
    name: str | None
    claimed: bool
    score: float
    topic_similarity: float
    proximity: float
    path_length: int
    shared_topics: list[str]
    common_collaborators: list[tuple[str, str | None]]
    reasons: list[str]


def collaboration_graph(ids: Sequence[str], edges: Iterable[Mapping[str, object]]) -> nx.Graph:
    """The undirected, weighted collaboration graph of `ids` (edges: {a, b, weight})."""
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    for edge in edges:
        weight = float(edge["weight"] or 0.0)  # type: ignore[arg-type]
        if weight > 0:
            graph.add_edge(edge["a"], edge["b"], weight=weight)
    return graph


def proximity(graph: nx.Graph, source: str) -> dict[str, float]:
    """Personalised PageRank from `source` (deterministic: a fixed graph, a fixed start)."""
    if graph.number_of_edges() == 0:
        return {source: 1.0}
    return nx.pagerank(graph, alpha=PROXIMITY_DAMPING, personalization={source: 1.0},
                       weight="weight", tol=1e-10, max_iter=200)


def topic_similarity(a: Mapping[str, tuple[str | None, int]],
                     b: Mapping[str, tuple[str | None, int]]) -> float:
    """Cosine similarity of two authors' works-per-topic vectors (0 when either has none)."""
    dot = sum(a[t][1] * b[t][1] for t in a.keys() & b.keys())
    norm = sqrt(sum(v * v for _, v in a.values())) * sqrt(sum(v * v for _, v in b.values()))
    return dot / norm if norm else 0.0


def closest_candidates(ranks: Mapping[str, float], excluded: set[str],
                       count: int = CANDIDATES_COMPARED) -> list[str]:
    """The `count` authors with the most PageRank mass, those in `excluded` left out."""
    kept = [(mass, i) for i, mass in ranks.items() if i not in excluded and mass > 0]
    return [i for _, i in sorted(kept, key=lambda pair: (-pair[0], pair[1]))[:count]]


def suggest(graph: nx.Graph, source: AuthorTopics, candidates: Sequence[AuthorTopics],
            ranks: Mapping[str, float], names: Mapping[str, str | None],
            limit: int) -> list[Suggestion]:
    """Candidates ranked by topic similarity times proximity (PageRank mass over the largest
    candidate's), ties by id; those with no shared topic are not suggested."""
    top = max((ranks.get(c.id, 0.0) for c in candidates), default=0.0)
    lengths = nx.single_source_shortest_path_length(graph, source.id)
    found = []
    for candidate in candidates:
        similarity = topic_similarity(source.topics, candidate.topics)
        near = ranks.get(candidate.id, 0.0) / top if top else 0.0
        if similarity <= 0 or near <= 0:
            continue
        common = sorted(set(graph[source.id]) & set(graph[candidate.id]))
        found.append(_suggestion(candidate, similarity, near, lengths.get(candidate.id, 0),
                                 _shared_topics(source, candidate),
                                 [(i, names.get(i)) for i in common]))
    found.sort(key=lambda s: (-s.score, s.id))
    return found[:limit]


def _shared_topics(source: AuthorTopics, candidate: AuthorTopics) -> list[str]:
    """Names of the topics both work on, the most shared works first."""
    shared = source.topics.keys() & candidate.topics.keys()
    ranked = sorted(shared, key=lambda t: (-min(source.topics[t][1], candidate.topics[t][1]), t))
    return [source.topics[t][0] or t for t in ranked]


def _suggestion(candidate: AuthorTopics, similarity: float, near: float, path_length: int,
                shared: list[str], common: list[tuple[str, str | None]]) -> Suggestion:
    """A Suggestion with its reasons, each a sentence a researcher can check."""
    reasons = [f"{len(shared)} shared topic{'s' if len(shared) != 1 else ''}: "
               f"{', '.join(shared[:SHARED_TOPICS_NAMED])}"
               f"{' and more' if len(shared) > SHARED_TOPICS_NAMED else ''}."]
    if common:
        named = ", ".join(name or i for i, name in common[:COMMON_COLLABORATORS_NAMED])
        more = " and more" if len(common) > COMMON_COLLABORATORS_NAMED else ""
        reasons.append(f"{len(common)} collaborator{'s' if len(common) != 1 else ''} in "
                       f"common: {named}{more}.")
    if path_length:
        reasons.append(f"{path_length} steps apart in the collaboration graph.")
    return Suggestion(candidate.id, candidate.name, candidate.claimed,
                      round(similarity * near, 6), round(similarity, 6), round(near, 6),
                      path_length, shared, common, reasons)
