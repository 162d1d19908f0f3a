"""How identity code talks to the graph: reads, and writes that record their audit event
in the same transaction (so no write goes unrecorded and no record describes a rollback)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from neo4j import Driver, ManagedTransaction, RoutingControl

from cypher import query
from service.auth import Caller, new_id
from service.repository.convert import plain
from service.settings import Settings

T = TypeVar("T")


def read(driver: Driver, settings: Settings, name: str, /, **params: Any
         ) -> list[dict[str, Any]]:
    """Rows of a read query, temporal values as ISO strings."""
    records, _, _ = driver.execute_query(query(name), params, database_=settings.neo4j_database,
                                         routing_=RoutingControl.READ)
    return [plain(record.data()) for record in records]


def read_one(driver: Driver, settings: Settings, name: str, /, **params: Any
             ) -> dict[str, Any] | None:
    """The first row of a read query, or None."""
    rows = read(driver, settings, name, **params)
    return rows[0] if rows else None


def run(tx: ManagedTransaction, name: str, /, **params: Any) -> list[dict[str, Any]]:
    """Rows of one statement inside a transaction function."""
    return [plain(record.data()) for record in tx.run(query(name), params)]


def audit(tx: ManagedTransaction, caller: Caller, action: str, target: str,
          detail: dict[str, Any] | None = None) -> None:
    """Record who (user, token) did what to which target, inside the caller's transaction."""
    tx.run(query("audit/create_event"), id=new_id("evt"), user_id=caller.user_id,
           token_id=caller.token_id, action=action, target=target,
           detail=json.dumps(detail, sort_keys=True) if detail else None).consume()


def write(driver: Driver, settings: Settings, work: Callable[[ManagedTransaction], T]) -> T:
    """Run a transaction function (retried on transient errors, so it must be idempotent)."""
    with driver.session(database=settings.neo4j_database) as session:
        return session.execute_write(work)


def audited(driver: Driver, settings: Settings, caller: Caller, action: str, target: str,
            name: str, detail: dict[str, Any] | None = None, /, **params: Any
            ) -> list[dict[str, Any]]:
    """Run one write statement and record it, in one transaction; its rows come back.

    Nothing is recorded when the statement matched nothing (it changed nothing)."""
    def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
        rows = run(tx, name, **params)
        if rows:
            audit(tx, caller, action, target, detail)
        return rows

    return write(driver, settings, work)
