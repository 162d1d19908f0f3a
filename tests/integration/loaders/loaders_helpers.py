"""Helpers shared by the loader integration tests: fixture paths and a canonical graph dump."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from neo4j import Driver

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "loaders"
# Bookkeeping that differs between two loads of the same data by design.
VOLATILE = {"changed_at"}

Snapshot = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]


def graph_snapshot(driver: Driver) -> Snapshot:
    """Every node (labels, id, properties) and edge (type, ends, properties), sorted; load
    runs and timestamps left out, so two equal graphs give equal snapshots."""
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE NOT n:LoadRun AND NOT n:SchemaVersion "
        "RETURN labels(n) AS labels, properties(n) AS props")
    nodes = sorted((tuple(sorted(r["labels"])), _props(r["props"])) for r in records)
    records, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, "
        "properties(r) AS props")
    edges = sorted((r["type"], r["a"], r["b"], _props(r["props"])) for r in records)
    return nodes, edges


def _props(props: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, repr(v)) for k, v in props.items() if k not in VOLATILE))


def count(driver: Driver, cypher: str, **params: Any) -> int:
    """The single number a counting query returns."""
    records, _, _ = driver.execute_query(cypher, **params)  # type: ignore[arg-type]
    return int(records[0][0])


def snapshot_diff(left: Snapshot, right: Snapshot) -> tuple[list[Any], list[Any]]:
    """What only each of two snapshots holds (nodes and edges together), for a failure."""
    a, b = set(left[0]) | set(left[1]), set(right[0]) | set(right[1])
    return sorted(a - b, key=repr), sorted(b - a, key=repr)
