"""Possible duplicates of an author: proposed, never applied. Authors are one node only on
an ORCID or a source's own merge; beside that, another author with the same normalised name
is proposed when something else joins them (a shared work, a shared co-author's name, or a
strong topic overlap), with that evidence. Two authors with different ORCID iDs are two
people, and a name alone is never enough."""

from __future__ import annotations

import re
from typing import Any

from core.graph import Graph
from core.names import name_key
from service.repository.resolve import resolve_author
from service.schemas.duplicates import DuplicateEvidence, PossibleDuplicate, PossibleDuplicates

CANDIDATES = 200  # full-text hits read; the same normalised name is checked on each
WORKS_CAP = 500  # works per author read for the evidence
STRONG_TOPIC_OVERLAP = 0.5  # Jaccard of the two authors' topics…
MIN_SHARED_TOPICS = 3  # …over at least this many shared topics
_WORD = re.compile(r"\w+")


def possible_duplicates(graph: Graph, raw_id: str) -> PossibleDuplicates:
    """The authors that may be the same person as the one named, each with its evidence."""
    author_id = resolve_author(graph, raw_id)
    author = _evidence(graph, [author_id])[0]
    key = name_key(author["name"] or "")
    same_name = [r["id"] for r in graph.read(
        "authors/list_same_name_candidates", id=author_id, q=_name_query(author["name"]),
        limit=CANDIDATES) if name_key(r["name"] or "") == key] if key else []
    proposals = [p for other in _evidence(graph, same_name)
                 if (p := _proposal(author, other, key)) is not None]
    return PossibleDuplicates(id=author_id, name=author["name"], name_key=key,
                              candidates=sorted(proposals, key=_strength, reverse=True))


def _evidence(graph: Graph, ids: list[str]) -> list[dict[str, Any]]:
    return [dict(r) for r in graph.read("authors/list_identity_evidence", ids=ids,
                                        works_cap=WORKS_CAP)] if ids else []


def _name_query(name: str | None) -> str:
    """A Lucene query matching any word of the name or of its normalised form (quoted
    words only: nothing the user typed is parsed as Lucene syntax)."""
    words = dict.fromkeys(_WORD.findall(name or "") + _WORD.findall(name_key(name or "")))
    return " OR ".join(f'"{word}"' for word in words)


def _proposal(author: dict[str, Any], other: dict[str, Any],
              key: str) -> PossibleDuplicate | None:
    """The proposal of `other` as a duplicate, or None when nothing beside the name joins
    them, or their ORCID iDs differ."""
    if author["orcid"] and other["orcid"] and author["orcid"] != other["orcid"]:
        return None
    mine, theirs = _coauthor_keys(author, key), _coauthor_keys(other, key)
    shared_topics = sorted(set(author["topics"]) & set(other["topics"]))
    every_topic = set(author["topics"]) | set(other["topics"])
    overlap = len(shared_topics) / len(every_topic) if every_topic else 0.0
    evidence = DuplicateEvidence(
        shared_works=sorted(set(author["works"]) & set(other["works"])),
        shared_coauthors=sorted(mine[k] for k in mine.keys() & theirs.keys()),
        shared_topics=shared_topics, topic_overlap=round(overlap, 3))
    strong_topics = (overlap >= STRONG_TOPIC_OVERLAP
                     and len(shared_topics) >= MIN_SHARED_TOPICS)
    if not (evidence.shared_works or evidence.shared_coauthors or strong_topics):
        return None
    return PossibleDuplicate(id=other["id"], name=other["name"], source=other["source"],
                             orcid=other["orcid"], evidence=evidence)


def _coauthor_keys(author: dict[str, Any], key: str) -> dict[str, str]:
    """Co-authors by normalised name (each source has its own co-author nodes), the author's
    own name left out."""
    return {k: name for name in author["coauthors"] if (k := name_key(name or "")) != key}


def _strength(proposal: PossibleDuplicate) -> tuple[int, int, float, str]:
    evidence = proposal.evidence
    return (len(evidence.shared_works), len(evidence.shared_coauthors),
            evidence.topic_overlap, proposal.id)
