"""Moving an old graph's platform data into the accounts store (one time, idempotent).

Before the accounts store, the graph held users' e-mails, tokens, claims, invitations, audit
events and rate limits as nodes, and authors' e-mail addresses as a property, and the public
analyst endpoint could read them all. This copies them into the store (hashes re-keyed in
place: every old hash was a sha256, see core/keyed.py), then deletes them from the graph,
leaving opaque (:User {id}) nodes with their FOLLOWS and CLAIMED edges. Copies skip rows
the store already has, so a run that stopped half-way is finished by the next."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from neo4j import Driver
from sqlalchemy import Connection

from core.accounts import AccountsStore, people, tables
from core.errors import ConfigurationError
from core.graph import Graph
from core.keyed import keyed_from_sha256
from core.values import native
from service.auth import TOKEN, now
from service.identity.claims import CODE, STATE

DELETE_BATCH = 2_000


def _rows(driver: Driver, database: str, name: str, column: str) -> list[dict[str, Any]]:
    """One map column of a graph read, temporal values as Python datetimes."""
    return [{k: native(v) for k, v in record[column].items()}
            for record in Graph(driver, database, map_errors=False).read(name)]


def _rekey(row: dict[str, Any], key: bytes, purposes: dict[str, str]) -> dict[str, Any]:
    """The row with each old sha256 hash column turned into the keyed hash."""
    return {**row, **{column: keyed_from_sha256(key, purpose, row[column])
                      for column, purpose in purposes.items() if row.get(column)}}


def _columns(table: Any, row: dict[str, Any]) -> dict[str, Any]:
    """The row's values for the table's columns (other properties are dropped)."""
    return {c.name: row.get(c.name) for c in table.c if c.name in row}


def copy_to_store(driver: Driver, database: str, store: AccountsStore,
                  max_ttl_days: int) -> dict[str, int]:
    """Copy every legacy platform row into the store, in one transaction; counts per kind.

    A token keeps its expiry, but no later than max_ttl_days from now."""
    plan = [("users", tables.users, "list_legacy_users", "user", {}),
            ("tokens", tables.tokens, "list_legacy_tokens", "token", {"hash": TOKEN}),
            ("claims", tables.claims, "list_legacy_claims", "claim",
             {"code_hash": CODE, "state_hash": STATE}),
            ("rate limits", tables.rate_limits, "list_legacy_rate_limits", "limit", {}),
            ("audit events", tables.audit_events, "list_legacy_audit_events", "event", {}),
            ("invitations", tables.invitations, "list_legacy_invitations", "invitation", {}),
            ("record e-mails", tables.author_emails, "list_legacy_author_emails", "row", {})]
    moved: dict[str, int] = {}
    with store.write() as conn:
        for what, table, name, column, purposes in plan:
            rows = [_columns(table, _rekey(_renamed(row), store.key, purposes))
                    for row in _rows(driver, database, f"migration/{name}", column)]
            if table is tables.author_emails:
                rows = [{**row, "added_at": now()} for row in rows]
            if table is tables.users:
                _refuse_taken_addresses(conn, rows)
            if table is tables.tokens:
                latest = now() + timedelta(days=max_ttl_days)
                rows = [{**row, "expires_at": min(row["expires_at"], latest)} for row in rows]
            for row in rows:
                conn.execute(store.insert(table).values(**row).on_conflict_do_nothing())
            moved[what] = len(rows)
    return moved


def _refuse_taken_addresses(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Stop (nothing copied) when an old user's address belongs to another user in the store
    (e.g. an admin made before the migration): their tokens and claims would be orphaned."""
    taken = {r["email"]: r["id"] for r in people.users_by_email(conn, [u["email"] for u in rows])}
    clashes = [f"{u['email']} (graph {u['id']}, store {taken[u['email']]})" for u in rows
               if u["email"] in taken and taken[u["email"]] != u["id"]]
    if clashes:
        raise ConfigurationError(
            "The accounts store already has users with these addresses under other ids: "
            + ", ".join(clashes) + ". Delete those users from the store (they were made "
            "after the upgrade), then run `peergraph accounts migrate-graph` again; nothing "
            "was copied.")


def _renamed(row: dict[str, Any]) -> dict[str, Any]:
    """A rate limit's graph `id` is the store's `key`; other rows keep their names."""
    if "window_start" in row and "id" in row:
        row = {**row, "key": row.pop("id")}
    return row


def delete_from_graph(driver: Driver, database: str) -> None:
    """Delete the copied nodes, strip the users, drop the old identity schema."""
    graph = Graph(driver, database, map_errors=False)
    deleted = DELETE_BATCH
    while deleted >= DELETE_BATCH:  # batches, so a large old graph does not need one huge tx
        deleted = graph.write("migration/delete_legacy_nodes", batch=DELETE_BATCH)[0]["deleted"]
    graph.write("migration/strip_legacy_users")
    graph.write("migration/strip_legacy_author_emails")
    graph.write_each("schema/drop_legacy_identity")


def migrate_graph(driver: Driver, database: str, store: AccountsStore,
                  max_ttl_days: int) -> dict[str, int]:
    """Copy, then delete: the graph keeps nothing private; counts of what moved."""
    moved = copy_to_store(driver, database, store, max_ttl_days)
    delete_from_graph(driver, database)
    return moved


LEGACY_WARNING = ("The graph still holds platform data from before the accounts store "
                  "(users' e-mails, tokens, claims …), readable by anyone through the analyst "
                  "endpoint: run `peergraph accounts migrate-graph` now.")


def legacy_present(driver: Driver, database: str) -> bool:
    """Whether the graph still holds platform data from before the accounts store.

    Checked at start-up and by /ready (which answers 503 until it is moved). Never moved
    automatically: the move trusts the graph's users and admin flags as they are, which
    only the operator, right after upgrading, can vouch for."""
    found = Graph(driver, database).read_one("migration/count_legacy_nodes")
    return bool(found and found["legacy"])
