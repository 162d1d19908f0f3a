"""How the API reads: one READ query by file name, with the server-side time limit, and the
resolution of any id a client gives to the node's own id."""

from __future__ import annotations

from typing import Any

from neo4j import READ_ACCESS, Driver, ManagedTransaction, Record, unit_of_work
from neo4j.exceptions import ClientError, TransientError

from core.errors import DatabaseUnavailable, NotFound, QueryTimeout
from core.settings import Settings
from cypher import query
from service.repository.ids import candidates

NODE_LABELS = ("Author", "Work", "Topic", "Institution", "Venue")


def read(driver: Driver, settings: Settings, name: str, **params: Any) -> list[Record]:
    """Run cypher/<name>.cypher as a read transaction, within the configured time limit."""
    # A session rather than execute_query: only a session can shorten the driver's 30 s of
    # retries, so a reader gets its 503 promptly while Neo4j is down.
    statement = query(name)

    @unit_of_work(timeout=settings.query_timeout_s)
    def fetch(tx: ManagedTransaction) -> list[Record]:
        return list(tx.run(statement, params))

    try:
        with driver.session(database=settings.neo4j_database, default_access_mode=READ_ACCESS,
                            max_transaction_retry_time=settings.explore_retry_time_s) as session:
            return session.execute_read(fetch)
    except (ClientError, TransientError) as exc:
        if "TransactionTimedOut" in (exc.code or ""):
            raise QueryTimeout(f"The query ran past {settings.query_timeout_s:g} s and was "
                               "stopped; narrow it (a smaller limit or depth).") from exc
        if isinstance(exc, TransientError):  # still failing after the retries: busy, not broken
            raise DatabaseUnavailable("The graph database is busy; try again shortly.") from exc
        raise


def read_one(driver: Driver, settings: Settings, name: str, **params: Any) -> Record | None:
    """The first row of a read, or None."""
    records = read(driver, settings, name, **params)
    return records[0] if records else None


def resolve(driver: Driver, settings: Settings, raw: str,
            labels: tuple[str, ...] = NODE_LABELS) -> tuple[str, str] | None:
    """(id, label) of the node a raw id names (OpenAlex/ORCID/DOI/ROR/alias), or None."""
    found = read_one(driver, settings, "nodes/resolve_node", labels=list(labels),
                     **candidates(raw).params())
    return (found["id"], found["label"]) if found else None


def read_entity(driver: Driver, settings: Settings, name: str, raw_id: str, label: str,
                **params: Any) -> Record:
    """A one-row read keyed by $id; tries the raw id first, then resolves it; else NotFound."""
    record = read_one(driver, settings, name, id=raw_id, **params)
    if record is not None:
        return record
    resolved = resolve(driver, settings, raw_id, (label,))
    if resolved is not None and resolved[0] != raw_id:
        record = read_one(driver, settings, name, id=resolved[0], **params)
    if record is None:
        raise NotFound(f"No {label.lower()} has the id {raw_id!r} (tried our ids, OpenAlex, "
                       "ORCID, DOI and ROR ids, and aliases).")
    return record
