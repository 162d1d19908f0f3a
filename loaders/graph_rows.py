"""The canonical rows every source's transform produces, and the one batched writer for them."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from neo4j import Driver, ManagedTransaction

from cypher import query

Row = dict[str, Any]

# Nodes before the edges that MATCH them; each name is a cypher/load/merge_<name>.cypher file.
# Full records (venues, institutions, topics, authors, works) come before the *_refs that only
# create what is missing, so a record in the same batch as a reference to it always wins.
WRITE_ORDER = (
    "venues", "institutions", "topics", "authors", "works",
    "venue_refs", "institution_refs", "topic_refs", "author_refs",
    "authorships", "published_in", "about", "affiliations", "cites",
)
# merged_ids per label: cypher/load/apply_<name>.cypher, run after every other row.
MERGE_ORDER = ("author_merges", "work_merges", "institution_merges", "venue_merges")
# Each step: (kind, query); a kind's count is its last query's.
WRITE_STEPS = tuple(
    [(name, f"load/merge_{name}") for name in WRITE_ORDER[:WRITE_ORDER.index("published_in")]]
    + [("published_in", "load/delete_stale_published_in")]
    + [(name, f"load/merge_{name}") for name in WRITE_ORDER[WRITE_ORDER.index("published_in"):]]
    + [(name, f"load/apply_{name}") for name in MERGE_ORDER])


@dataclass
class GraphRows:
    """One batch of graph changes, as plain rows for `UNWIND $rows … MERGE`."""

    venues: list[Row] = field(default_factory=list)
    institutions: list[Row] = field(default_factory=list)
    topics: list[Row] = field(default_factory=list)
    authors: list[Row] = field(default_factory=list)
    works: list[Row] = field(default_factory=list)
    venue_refs: list[Row] = field(default_factory=list)
    institution_refs: list[Row] = field(default_factory=list)
    topic_refs: list[Row] = field(default_factory=list)
    author_refs: list[Row] = field(default_factory=list)
    authorships: list[Row] = field(default_factory=list)
    published_in: list[Row] = field(default_factory=list)
    about: list[Row] = field(default_factory=list)
    affiliations: list[Row] = field(default_factory=list)
    cites: list[Row] = field(default_factory=list)
    author_merges: list[Row] = field(default_factory=list)
    work_merges: list[Row] = field(default_factory=list)
    institution_merges: list[Row] = field(default_factory=list)
    venue_merges: list[Row] = field(default_factory=list)

    def extend(self, other: GraphRows) -> None:
        """Append another batch's rows to this one."""
        for name in KINDS:
            if more := getattr(other, name):
                getattr(self, name).extend(more)

    def __len__(self) -> int:
        return sum(len(getattr(self, name)) for name in KINDS)


KINDS = tuple(f.name for f in fields(GraphRows))


def node_row(node_id: str, **props: Any) -> Row:
    """A node row; null properties are dropped so they never erase stored values."""
    return {"id": node_id, "props": {k: v for k, v in props.items() if v is not None}}


def write_rows(driver: Driver, database: str, rows: GraphRows) -> dict[str, int]:
    """Write one batch in one transaction (all of it or none of it); counts per kind."""

    def work(tx: ManagedTransaction) -> dict[str, int]:
        counts = {}
        for name, query_name in WRITE_STEPS:
            counts.update(_run_kind(tx, query_name, name, getattr(rows, name)))
        return counts

    with driver.session(database=database) as session:
        return session.execute_write(work)


def _run_kind(tx: ManagedTransaction, query_name: str, kind: str,
              batch: list[Row]) -> dict[str, int]:
    """Run one kind's query over its rows; {kind: changed} or {} when there are no rows."""
    if not batch:
        return {}
    record = tx.run(query(query_name), rows=batch).single()
    return {kind: int(record["changed"]) if record else 0}
