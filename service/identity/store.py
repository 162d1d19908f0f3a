"""How identity code talks to its two stores: public facts (follows, claimed records) in the
graph, everything private in the accounts store.

When a write touches both, the graph commits first and the accounts store's short
transaction (the audit event) right after it: a failed graph write leaves no audit event
behind, and no lock of either store is held while the other works (on SQLite, the store's
one write lock would otherwise stall every sign-in and token check behind a slow graph
write). What is not atomic across the two: if the store's commit fails after the graph's,
the write stands unrecorded (it is logged)."""

from __future__ import annotations

import logging
from typing import Any

from neo4j import ManagedTransaction
from sqlalchemy import Connection

from core.accounts import AccountsStore, records
from core.graph import Graph, rows
from core.values import plain
from service.auth import Caller, new_id, now

log = logging.getLogger("peergraph")


def read_rows(graph: Graph, name: str, /, **params: Any) -> list[dict[str, Any]]:
    """Rows of a graph read as dicts, temporal values as ISO strings."""
    return [plain(record.data()) for record in graph.read(name, **params)]


def read_row(graph: Graph, name: str, /, **params: Any) -> dict[str, Any] | None:
    """The first row of a graph read, or None."""
    found = read_rows(graph, name, **params)
    return found[0] if found else None


def run(tx: ManagedTransaction, name: str, /, **params: Any) -> list[dict[str, Any]]:
    """Rows of one statement inside a graph transaction function."""
    return [plain(record.data()) for record in rows(tx, name, **params)]


def audit(conn: Connection, caller: Caller, action: str, target: str,
          detail: dict[str, Any] | None = None) -> None:
    """Record who (user, token) did what to which target, in the caller's accounts transaction."""
    records.add_event(conn, new_id("evt"), caller.user_id, caller.token_id, action, target,
                      detail, now())


def audited(graph: Graph, store: AccountsStore, caller: Caller,
            action: str, target: str, name: str, detail: dict[str, Any] | None = None, /,
            **params: Any) -> list[dict[str, Any]]:
    """Run one graph write and record it; its rows come back.

    Nothing is recorded when the statement matched nothing (it changed nothing)."""
    written = graph.write_tx(lambda tx: run(tx, name, **params))
    if written:
        try:
            audit_only(store, caller, action, target, detail)
        except Exception:
            log.exception("a graph write (%s on %s by %s) could not be audited", action,
                          target, caller.user_id)
            raise
    return written


def audit_only(store: AccountsStore, caller: Caller, action: str, target: str,
               detail: dict[str, Any] | None = None) -> None:
    """Record an action that writes nothing else (e.g. an admin starting a rescoring)."""
    with store.write() as conn:
        audit(conn, caller, action, target, detail)
