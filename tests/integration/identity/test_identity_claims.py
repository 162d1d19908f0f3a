"""E-mail claims against the real service: codes go only to addresses on the record, work
once, expire, are counted when wrong, and a claimed record is never taken over."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from identity_helpers import User, claim_by_email, last_code, start_email_claim
from neo4j import Driver
from sqlalchemy import select, update

from core.accounts import AccountsStore, tables
from core.settings import Settings

Outbox = Callable[[], list[dict[str, str]]]


def _author(graph: Driver, settings: Settings, author: str) -> dict[str, Any]:
    records, _, _ = graph.execute_query(
        "MATCH (a:Author {id: $id}) RETURN properties(a) AS p, "
        "[(u:User)-[:CLAIMED]->(a) | u.id] AS holders", id=author,
        database_=settings.neo4j_database)
    return {**records[0]["p"], "holders": records[0]["holders"]}


def _verify(client: TestClient, user: User, claim_id: str, code: str) -> Any:
    return client.post(f"/api/v1/claims/{claim_id}/verify", headers=user.headers,
                       json={"code": code})


def test_a_verified_email_claim_claims_the_record_at_l2(
        client: TestClient, graph: Driver, settings: Settings, outbox: Outbox,
        make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    started = start_email_claim(client, ada, "researcher1")
    assert started["claim"]["status"] == "pending"
    assert started["claim"]["sent_to"] == "r***@example.org"
    result = claim_by_email(client, ada, "researcher1", outbox, "r1@example.org")
    assert result["claim"]["status"] == "verified" and result["claim"]["level"] == "L2"
    author = _author(graph, settings, "researcher1")
    assert author["holders"] == [ada.id]
    assert author["claimed"] and author["identity_verified"]
    assert author["affiliation_verified"] is False
    assert author["verification_level"] == "L2" and author["changed_at"] is not None
    profile = client.get("/api/v1/authors/researcher1").json()
    assert profile["claimed"] is True


def test_an_institutional_address_gives_l3_and_others_are_refused(
        client: TestClient, graph: Driver, settings: Settings, outbox: Outbox,
        make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    typed = client.post("/api/v1/authors/researcher0/claims", headers=ada.headers,
                        json={"method": "email", "email": "ada@gmail.example"})
    assert typed.status_code == 422 and "is neither on the record of" in typed.json()["detail"]
    assert outbox() == []
    result = claim_by_email(client, ada, "researcher0", outbox, "ada@cs.uni.example.edu",
                            email="ada@cs.uni.example.edu")
    assert result["claim"]["level"] == "L3"
    author = _author(graph, settings, "researcher0")
    assert author["verification_level"] == "L3" and author["affiliation_verified"] is True
    assert author["verification_label"] == "Institution-verified"


def test_a_record_without_addresses_cannot_be_claimed_by_email(
        client: TestClient, make_user: Callable[[str], User]) -> None:
    response = client.post("/api/v1/authors/researcher3/claims",
                           headers=make_user("ada").headers, json={"method": "email"})
    assert response.status_code == 422 and "has no e-mail address" in \
        response.json()["detail"]


def test_wrong_reused_and_expired_codes_fail_and_are_counted(
        accounts_store: AccountsStore,
        client: TestClient, graph: Driver, settings: Settings, outbox: Outbox,
        make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    claim = start_email_claim(client, ada, "researcher1")["claim"]
    code = last_code(outbox, "r1@example.org")
    wrong = _verify(client, ada, claim["id"], "000000" if code != "000000" else "111111")
    assert wrong.status_code == 422 and "2 attempt(s) left" in wrong.json()["detail"]
    assert _verify(client, ada, claim["id"], code).status_code == 200
    reused = _verify(client, ada, claim["id"], code)
    assert reused.status_code == 409 and "cannot be used again" in reused.json()["detail"]
    seen = client.get(f"/api/v1/claims/{claim['id']}", headers=ada.headers).json()
    assert seen["attempts"] == 2 and seen["status"] == "verified"

    late = start_email_claim(client, ada, "researcher2")["claim"]
    with accounts_store.write() as conn:
        conn.execute(update(tables.claims).where(tables.claims.c.id == late["id"])
                     .values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    expired = _verify(client, ada, late["id"], last_code(outbox, "r2@example.org"))
    assert expired.status_code == 422 and "expired" in expired.json()["detail"]
    seen = client.get(f"/api/v1/claims/{late['id']}", headers=ada.headers).json()
    assert seen["attempts"] == 1 and seen["status"] == "expired"
    assert _author(graph, settings, "researcher2")["holders"] == []


def test_brute_force_is_stopped_by_the_claim_lock_and_the_user_window(
        accounts_store: AccountsStore,
        client: TestClient, graph: Driver, settings: Settings, outbox: Outbox,
        make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    claim = start_email_claim(client, ada, "researcher1")["claim"]
    code = last_code(outbox, "r1@example.org")
    guesses = [f"{n:06d}" for n in range(20) if f"{n:06d}" != code]
    statuses = [_verify(client, ada, claim["id"], guess).status_code for guess in guesses[:3]]
    assert statuses == [422, 422, 429]  # the third wrong code (claim_max_attempts) locks it
    assert _verify(client, ada, claim["id"], code).status_code == 429  # even the right code
    assert _author(graph, settings, "researcher1")["holders"] == []
    # New claims give new chances, but the per-user window (8 attempts) stops guessing.
    fresh = start_email_claim(client, ada, "researcher1")["claim"]
    codes = [_verify(client, ada, fresh["id"], guess).status_code for guess in guesses[3:9]]
    assert codes[-1] == 429 and "Too many verification attempts" in \
        _verify(client, ada, fresh["id"], guesses[10]).json()["detail"]
    with accounts_store.read() as conn:
        count = conn.execute(select(tables.rate_limits.c.count).where(
            tables.rate_limits.c.key == f"claim-verify:{ada.id}")).scalar()
    assert count is not None and count >= 9


def test_another_user_cannot_verify_or_see_my_claim(
        client: TestClient, outbox: Outbox, make_user: Callable[[str], User]) -> None:
    ada, bob = make_user("ada"), make_user("bob")
    claim = start_email_claim(client, ada, "researcher1")["claim"]
    code = last_code(outbox, "r1@example.org")
    assert _verify(client, bob, claim["id"], code).status_code == 403
    assert client.get(f"/api/v1/claims/{claim['id']}", headers=bob.headers).status_code == 403
    mine = client.get(f"/api/v1/claims/{claim['id']}", headers=ada.headers).json()
    assert mine["attempts"] == 0 and mine["status"] == "pending"  # bob's try cost ada nothing
    assert _verify(client, ada, claim["id"], code).status_code == 200


def test_a_claimed_record_is_never_taken_over_a_dispute_goes_to_an_admin(
        client: TestClient, graph: Driver, settings: Settings, outbox: Outbox, admin: User,
        make_user: Callable[[str], User]) -> None:
    ada, bob = make_user("ada"), make_user("bob")
    claim_by_email(client, ada, "researcher1", outbox, "r1@example.org")
    started = start_email_claim(client, bob, "researcher1")
    assert "dispute" in started["detail"]
    second = claim_by_email(client, bob, "researcher1", outbox, "r1@example.org")
    assert second["claim"]["status"] == "disputed" and "dispute" in second["detail"]
    assert _author(graph, settings, "researcher1")["holders"] == [ada.id]
    disputed = client.get("/api/v1/claims?everyone=true&status=disputed",
                          headers=admin.headers).json()["claims"]
    assert [c["id"] for c in disputed] == [second["claim"]["id"]]
    claim_id = second["claim"]["id"]
    assert client.post(f"/api/v1/claims/{claim_id}/resolve", headers=bob.headers,
                       json={"decision": "grant"}).status_code == 403
    granted = client.post(f"/api/v1/claims/{claim_id}/resolve", headers=admin.headers,
                          json={"decision": "grant"})
    assert granted.status_code == 200 and granted.json()["claim"]["resolved_by"] == admin.id
    assert _author(graph, settings, "researcher1")["holders"] == [bob.id]
    again = client.post(f"/api/v1/claims/{claim_id}/resolve", headers=admin.headers,
                        json={"decision": "reject"})
    assert again.status_code == 409


def test_an_admin_can_reject_a_dispute(client: TestClient, graph: Driver, settings: Settings,
                                       outbox: Outbox, admin: User,
                                       make_user: Callable[[str], User]) -> None:
    ada, bob = make_user("ada"), make_user("bob")
    claim_by_email(client, ada, "researcher2", outbox, "r2@example.org")
    second = claim_by_email(client, bob, "researcher2", outbox, "r2@example.org")
    rejected = client.post(f"/api/v1/claims/{second['claim']['id']}/resolve",
                           headers=admin.headers, json={"decision": "reject"})
    assert rejected.status_code == 200 and rejected.json()["claim"]["status"] == "rejected"
    assert _author(graph, settings, "researcher2")["holders"] == [ada.id]
