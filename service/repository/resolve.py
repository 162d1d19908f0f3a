"""The resolution of any id a client gives (OpenAlex, ORCID, DOI, ROR, arXiv, PubMed, MAG,
Semantic Scholar, alias) to the node's own id, for reads keyed by one node."""

from __future__ import annotations

from typing import Any

from neo4j import Record

from core.errors import NotFound
from core.graph import Graph
from service.repository.ids import candidates

NODE_LABELS = ("Author", "Work", "Topic", "Institution", "Venue")


def resolve(graph: Graph, raw: str, labels: tuple[str, ...] = NODE_LABELS
            ) -> tuple[str, str] | None:
    """(id, label) of the node a raw id names (OpenAlex/ORCID/DOI/ROR/alias), or None."""
    found = graph.read_one("nodes/resolve_node", labels=list(labels),
                           **candidates(raw).params())
    return (found["id"], found["label"]) if found else None


def read_entity(graph: Graph, name: str, raw_id: str, label: str, **params: Any) -> Record:
    """A one-row read keyed by $id; tries the raw id first, then resolves it; else NotFound."""
    record = graph.read_one(name, id=raw_id, **params)
    if record is not None:
        return record
    resolved = resolve(graph, raw_id, (label,))
    if resolved is not None and resolved[0] != raw_id:
        record = graph.read_one(name, id=resolved[0], **params)
    if record is None:
        raise NotFound(f"No {label.lower()} has the id {raw_id!r} (tried our ids, OpenAlex, "
                       "ORCID, DOI, ROR, arXiv, PubMed and MAG ids, and aliases).")
    return record


def resolve_author(graph: Graph, raw_id: str) -> str:
    """Our id of the author a client named by any of its ids; NotFound otherwise."""
    found = resolve(graph, raw_id, ("Author",))
    if found is None:
        raise NotFound(f"No author has the id {raw_id!r} (tried our ids, OpenAlex and ORCID "
                       "ids, and aliases).")
    return found[0]
