"""The online loader's merge rules applied to all of a bulk import's rows at once, so Neo4j's
importer gets one row per node and per edge holding what `peergraph load openalex` would
have stored for the same input read in the same order (pure, no I/O).

The rules, from cypher/load/*.cypher: a full record of a node sets its properties over what
is there unless it is older (updated_date) than what is there; a reference (a byline's
author, a work's venue…) only creates a missing node; a cited work that no record holds is a
stub; AUTHORED, ABOUT and PUBLISHED_IN keep the last row's properties (PUBLISHED_IN one venue
per work); AFFILIATED_WITH widens its years to cover every row; CITES is a set."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import datetime
from operator import itemgetter
from typing import Any

from loaders.compact import widen
from loaders.graph_rows import Row, not_older

# Node row kinds and the label they write; *_refs only create what is missing.
FULL_KINDS = {"works": "Work", "authors": "Author", "institutions": "Institution",
              "venues": "Venue", "topics": "Topic"}
REF_KINDS = {"author_refs": "Author", "institution_refs": "Institution",
             "venue_refs": "Venue", "topic_refs": "Topic"}
STUBS = "work_stubs"  # cited work ids (a bulk-only kind: merge_works makes them online)
# Edge row kinds: type, start label and field, end label and field.
EDGE_KINDS = {
    "authorships": ("AUTHORED", "Author", "author_id", "Work", "work_id"),
    "published_in": ("PUBLISHED_IN", "Work", "work_id", "Venue", "venue_id"),
    "about": ("ABOUT", "Work", "work_id", "Topic", "topic_id"),
    "affiliations": ("AFFILIATED_WITH", "Author", "author_id", "Institution",
                     "institution_id"),
    "cites": ("CITES", "Work", "work_id", "Work", "cited_id"),
}
# The fields that make one edge (PUBLISHED_IN: one per work), as loaders/fresh.py has them.
EDGE_KEYS = {"authorships": ("author_id", "work_id"), "published_in": ("work_id",),
             "about": ("work_id", "topic_id"), "affiliations": ("author_id", "institution_id"),
             "cites": ("work_id", "cited_id")}
# What the online statements set besides a row's properties (changed_at: merge_works,
# merge_authors, merge_author_refs).
CHANGED_AT_LABELS = {"Work", "Author"}


def bucket_field(kind: str) -> str:
    """The field whose id places a row of `kind`: the node's, or the work (author) an edge
    hangs off, so a work's edges share its bucket."""
    if kind in EDGE_KEYS:
        return "author_id" if kind == "affiliations" else "work_id"
    return "id"


def bucket_key(row: Row, kind: str) -> str:
    """The id that places a row."""
    return str(row[bucket_field(kind)])


def bucket_of(key: str, buckets: int) -> int:
    """The bucket every row of one node or edge lands in (a stable hash: crc32, not hash(),
    which differs between processes)."""
    return zlib.crc32(key.encode()) % buckets


class Fold:
    """The nodes and edges of one bucket, folded row by row in load order; it owns the rows
    it is given (fresh from a spill file) and updates them in place instead of copying."""

    def __init__(self) -> None:
        labels = set(FULL_KINDS.values())
        self.nodes: dict[str, dict[str, dict[str, Any]]] = {label: {} for label in labels}
        self.stubs: set[str] = set()
        self.edges: dict[str, dict[Any, Row]] = {kind: {} for kind in EDGE_KINDS}

    def add(self, kind: str, rows: list[Row]) -> None:
        """Fold one kind's rows (in the order they were read)."""
        if kind in FULL_KINDS:
            for row in rows:
                self._full(FULL_KINDS[kind], row)
        elif kind in REF_KINDS:
            nodes = self.nodes[REF_KINDS[kind]]
            for row in rows:
                nodes.setdefault(row["id"], row["props"])
        elif kind == STUBS:
            self.stubs.update(row["id"] for row in rows)
        else:
            self._edges(kind, rows)

    def _full(self, label: str, row: Row) -> None:
        """A record's properties over what is there, unless it is the older record."""
        props, current = row["props"], self.nodes[label].get(row["id"])
        if current is None:
            self.nodes[label][row["id"]] = props
        elif not_older(props.get("updated_date"), current.get("updated_date")):
            current.update(props)

    def _edges(self, kind: str, rows: list[Row]) -> None:
        edges, key_of = self.edges[kind], itemgetter(*EDGE_KEYS[kind])
        if kind != "affiliations":  # the last row wins, as MERGE … SET makes it
            edges.update(zip(map(key_of, rows), rows, strict=True))
            return
        for row in rows:
            key = key_of(row)
            if (known := edges.get(key)) is None:
                edges[key] = row
            else:
                known["start_year"], known["end_year"] = widen(
                    (known["start_year"], known["end_year"]), row["start_year"],
                    row["end_year"])

    def node_rows(self, label: str, now: datetime) -> Iterator[tuple[str, dict[str, Any]]]:
        """(id, properties) of every node of one label, with the online bookkeeping."""
        for node_id, props in self.nodes[label].items():
            if label == "Work":
                props["is_stub"] = False
            if label in CHANGED_AT_LABELS:
                props["changed_at"] = now
            yield node_id, props
        if label == "Work":
            for node_id in sorted(self.stubs - self.nodes["Work"].keys()):
                yield node_id, {"is_stub": True}

    def edge_rows(self, kind: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(start id, end id, properties) of every edge of one kind; nulls dropped."""
        _, _, start, _, end = EDGE_KINDS[kind]
        for row in self.edges[kind].values():
            props = {k: v for k, v in row.items() if k not in (start, end) and v is not None}
            yield row[start], row[end], props
