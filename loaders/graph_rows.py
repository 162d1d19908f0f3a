"""The canonical rows every source's transform produces, and the one batched writer for them."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from neo4j import Driver, ManagedTransaction

from cypher import query

Row = dict[str, Any]

# Nodes before the edges that MATCH them; each name is a cypher/load/<name>.cypher file.
WRITE_ORDER = ("venues", "authors", "works", "authorships", "published_in")


@dataclass
class GraphRows:
    """One batch of graph changes, as plain rows for `UNWIND $rows … MERGE`."""

    venues: list[Row] = field(default_factory=list)
    authors: list[Row] = field(default_factory=list)
    works: list[Row] = field(default_factory=list)
    authorships: list[Row] = field(default_factory=list)
    published_in: list[Row] = field(default_factory=list)

    def extend(self, other: GraphRows) -> None:
        """Append another batch's rows to this one."""
        for f in fields(self):
            getattr(self, f.name).extend(getattr(other, f.name))

    def __len__(self) -> int:
        return sum(len(getattr(self, f.name)) for f in fields(self))


def node_row(node_id: str, **props: Any) -> Row:
    """A node row; null properties are dropped so they never erase stored values."""
    return {"id": node_id, "props": {k: v for k, v in props.items() if v is not None}}


def write_rows(driver: Driver, database: str, rows: GraphRows) -> dict[str, int]:
    """Write one batch in one transaction (all of it or none of it); counts per kind."""

    def work(tx: ManagedTransaction) -> dict[str, int]:
        counts = {}
        for name in WRITE_ORDER:
            batch = getattr(rows, name)
            if batch:
                record = tx.run(query(f"load/merge_{name}"), rows=batch).single()
                counts[name] = int(record["changed"]) if record else 0
        return counts

    with driver.session(database=database) as session:
        return session.execute_write(work)
