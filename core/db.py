"""The one place a Neo4j driver is made, checked, and given the schema."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from core.errors import DatabaseUnavailable, PeergraphError
from core.graph import Graph
from core.settings import Settings
from cypher import names

log = logging.getLogger("peergraph")

SCHEMA_VERSION = "1"


def make_driver(settings: Settings) -> Driver:
    """The process's driver; callers own it and close it on shutdown."""
    return GraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.password()),
        max_connection_pool_size=settings.neo4j_max_pool_size,
        connection_timeout=settings.neo4j_connect_timeout_s,
        connection_acquisition_timeout=settings.neo4j_connect_timeout_s * 2,
        notifications_min_severity="OFF",
    )


def check_connectivity(driver: Driver, settings: Settings) -> None:
    """Raise DatabaseUnavailable with one line saying what is wrong and what to do."""
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        raise DatabaseUnavailable(
            f"Neo4j at {settings.neo4j_uri} refused user {settings.neo4j_user!r}: wrong password? "
            "Check PEERGRAPH_NEO4J_USER / PEERGRAPH_NEO4J_PASSWORD (or .env)."
        ) from exc
    except (ServiceUnavailable, OSError, ValueError) as exc:
        raise DatabaseUnavailable(
            f"Neo4j is not answering at {settings.neo4j_uri} ({type(exc).__name__}). "
            "Start it with `peergraph db start`, or point PEERGRAPH_NEO4J_URI at a running one."
        ) from exc


AWAIT_INDEXES_S = 300  # at start-up, on a store whose indexes are built: a lasting wait is a fault
INDEX_POLL_S = 2.0


def apply_schema(driver: Driver, database: str,
                 on_population: Callable[[float], None] | None = None) -> str:
    """Create every constraint and index (IF NOT EXISTS), wait for them, record the version.

    With `on_population` (after a bulk import: populating a big store's indexes takes as long
    as it takes), wait with no time limit, handing it the least-populated index's percent."""
    # Every cypher/schema/create_*.cypher file, so each area can add its own indexes.
    graph = _graph(driver, database)
    for name in names("schema"):
        if name.startswith("schema/create_"):
            graph.write_each(name)
    if on_population is None:
        graph.write("schema/await_indexes", timeout_s=AWAIT_INDEXES_S)
    else:
        _wait_for_population(graph, on_population)
    return record_schema_version(driver, database)


def _wait_for_population(graph: Graph, on_population: Callable[[float], None]) -> None:
    """Poll the indexes until all are online; PeergraphError naming one that failed."""
    while True:
        indexes = graph.read("schema/list_index_population")
        if failed := [r for r in indexes if r["state"] == "FAILED"]:
            raise PeergraphError(f"index {failed[0]['name']} failed to build: "
                                 f"{failed[0]['failure']}")
        on_population(min((float(r["percent"]) for r in indexes), default=100.0))
        if all(r["state"] == "ONLINE" for r in indexes):
            return
        time.sleep(INDEX_POLL_S)


def record_schema_version(driver: Driver, database: str) -> str:
    """Mark the schema as applied (the node /ready looks for)."""
    _graph(driver, database).write("schema/merge_schema_version", version=SCHEMA_VERSION,
                                   applied_at=datetime.now(UTC).isoformat())
    return SCHEMA_VERSION


def ensure_schema(driver: Driver, settings: Settings) -> str | None:
    """Apply the schema if Neo4j answers; else log and return one line saying what is wrong."""
    try:
        check_connectivity(driver, settings)
        apply_schema(driver, settings.neo4j_database)
    except DatabaseUnavailable as exc:
        log.warning("%s (/ready answers 503 until this is fixed.)", exc.detail)
        return exc.detail
    return None


def schema_version(driver: Driver, database: str) -> str | None:
    """The schema version recorded in the graph, or None when the schema was never applied."""
    record = _graph(driver, database).read_one("health/get_schema_version")
    return record["version"] if record else None


def delete_everything(driver: Driver, database: str, batch: int = 10_000) -> int:
    """Empty the graph in bounded transactions, edges first (a node's edges are unbounded);
    returns the number of nodes deleted."""
    graph = _graph(driver, database)
    _delete_in_batches(graph, "maintenance/delete_relationships_batch", batch)
    return _delete_in_batches(graph, "maintenance/delete_all_batch", batch)


def _delete_in_batches(graph: Graph, name: str, batch: int) -> int:
    """Run a delete statement until it deletes fewer than `batch`; how many it deleted."""
    total = 0
    while True:
        deleted = int(graph.write(name, batch=batch)[0]["deleted"])
        total += deleted
        if deleted < batch:
            return total


def count_graph(driver: Driver, database: str) -> tuple[int, int]:
    """(nodes, relationships) in the graph."""
    record = _graph(driver, database).read("maintenance/count_graph")[0]
    return int(record["nodes"]), int(record["relationships"])


def _graph(driver: Driver, database: str) -> Graph:
    """The graph these helpers use: Neo4j's own errors, which their callers catch."""
    return Graph(driver, database, map_errors=False)
