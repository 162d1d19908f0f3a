"""The one-time migration: a graph made by the code before the accounts store (its identity
part is tests/fixtures/identity/legacy_identity_graph.cypher, recorded from that code) gives
its platform data to the store and keeps only opaque users; tokens and a pending claim still
work afterwards; a second run changes nothing. The app never moves it by itself: until the
operator does, /ready answers 503 saying what to run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from accounts_helpers import run_script
from fastapi.testclient import TestClient
from neo4j import Driver
from sqlalchemy import func, select

from core.accounts import AccountsStore, tables
from core.errors import ConfigurationError
from core.settings import Settings
from service.app import create_app
from service.identity.migration import migrate_graph

LEGACY = Path(__file__).resolve().parents[2] / "fixtures" / "identity" / \
    "legacy_identity_graph.cypher"


def _recorded(name: str) -> list[str]:
    """A value the fixture's header comment recorded (test-only tokens, a claim and its code)."""
    for line in LEGACY.read_text().splitlines():
        if line.startswith(f"//   {name} "):
            return line.split()[2:]
    raise AssertionError(name)


def _legacy_graph(driver: Driver, settings: Settings) -> None:
    """The old graph: the sample, record e-mails on authors, and the legacy identity nodes."""
    from loaders.sample import load_sample

    load_sample(driver, settings.neo4j_database)
    run_script(driver, settings.neo4j_database, "identity_graph.cypher")
    driver.execute_query("MATCH (a:Author) WHERE a.id IN ['researcher1', 'researcher2'] "
                         "SET a.emails = ['r' + right(a.id, 1) + '@example.org']",
                         database_=settings.neo4j_database)
    run_script(driver, settings.neo4j_database, "legacy_identity_graph.cypher")
    # the recorded pending claim is still live, as on the day the old graph was made
    driver.execute_query("MATCH (c:Claim {id: $id}) SET c.expires_at = datetime() + "
                         "duration('PT15M')", id=_recorded("pending")[2],
                         database_=settings.neo4j_database)


def _counts(store: AccountsStore) -> dict[str, int]:
    with store.read() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in tables.metadata.sorted_tables}


def _private_in_graph(driver: Driver) -> list[Any]:
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE n:Token OR n:Claim OR n:AuditEvent OR n:RateLimit OR n:Invitation "
        "OR (n:User AND keys(n) <> ['id']) OR n.emails IS NOT NULL RETURN n")
    return records


def test_an_old_graph_moves_its_platform_data_into_the_store(
        graph: Driver, store: AccountsStore, acc_settings: Settings) -> None:
    graph.execute_query("MATCH (n) DETACH DELETE n")
    _legacy_graph(graph, acc_settings)
    assert _private_in_graph(graph)
    moved = migrate_graph(graph, acc_settings.neo4j_database, store, 365)
    assert moved == {"users": 3, "tokens": 5, "claims": 4, "rate limits": 4,
                     "audit events": 18, "invitations": 2, "record e-mails": 2}
    assert _private_in_graph(graph) == []
    counts = _counts(store)
    assert counts["users"] == 3 and counts["tokens"] == 5 and counts["claims"] == 4
    assert counts["author_emails"] == 3
    again = migrate_graph(graph, acc_settings.neo4j_database, store, 365)  # idempotent
    assert sum(again.values()) == 0 and _counts(store) == counts
    records, _, _ = graph.execute_query(
        "MATCH (u:User)-[r]->(a:Author) RETURN u.id AS user, type(r) AS type, a.id AS author "
        "ORDER BY type, author")
    ada, bob = _recorded("ada")[0], _recorded("bob")[0]
    assert [(r["user"], r["type"], r["author"]) for r in records] == [
        (ada, "CLAIMED", "researcher0"), (bob, "CLAIMED", "researcher1"),
        (bob, "FOLLOWS", "researcher1"), (ada, "FOLLOWS", "researcher3")]


def test_old_tokens_and_a_pending_claim_still_work_after_the_move(
        graph: Driver, store: AccountsStore, acc_settings: Settings) -> None:
    graph.execute_query("MATCH (n) DETACH DELETE n")
    _legacy_graph(graph, acc_settings)
    with TestClient(create_app(acc_settings)) as client:
        ready = client.get("/ready")
        assert ready.status_code == 503 and "migrate-graph" in ready.json()["detail"]
        assert _private_in_graph(graph)  # never moved without the operator
        migrate_graph(graph, acc_settings.neo4j_database, store, acc_settings.token_max_ttl_days)
        assert client.get("/ready").status_code == 200
        ada_id, ada_secret = _recorded("ada")
        _, bob_secret = _recorded("bob")
        me = client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {ada_secret}"})
        assert me.status_code == 200 and me.json()["id"] == ada_id
        assert me.json()["email"] == "ada@example.org"
        claim_id, code = _recorded("pending")[2], _recorded("pending")[6]
        bob = {"Authorization": f"Bearer {bob_secret}"}
        verified = client.post(f"/api/v1/claims/{claim_id}/verify", headers=bob,
                               json={"code": code})
        assert verified.status_code == 200, verified.text
        assert client.get("/api/v1/authors/researcher2").json()["claimed"] is True
        received = client.get("/api/v1/invitations", headers=bob).json()["invitations"]
        assert {i["status"] for i in received} == {"accepted", "pending"}
        audit = client.get("/api/v1/admin/audit", headers=bob).status_code
        assert audit == 403  # bob is no admin, as before


def test_an_address_already_in_the_store_under_another_id_stops_the_move_whole(
        graph: Driver, store: AccountsStore, acc_settings: Settings) -> None:
    graph.execute_query("MATCH (n) DETACH DELETE n")
    _legacy_graph(graph, acc_settings)
    from service.identity import accounts

    accounts.create_user(store, acc_settings, accounts.CLI_CALLER, "ada@example.org", "Ada")
    before = _counts(store)
    with pytest.raises(ConfigurationError, match=r"ada@example\.org"):
        migrate_graph(graph, acc_settings.neo4j_database, store, 365)
    assert _counts(store) == before and _private_in_graph(graph)  # nothing half-moved
