"""Claims every record can finish: the routes a record allows, a review of the claimant's
evidence decided by an admin (API and queue page), and an ORCID claim finished at once when
the account's verified iD is the record's. Real Neo4j, real accounts store, file outbox."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from identity_helpers import User, claim_by_email, page_csrf, sign_in_page
from neo4j import Driver
from sqlalchemy import update

from core.accounts import AccountsStore
from core.accounts.tables import claims, users
from core.settings import Settings

Outbox = Callable[[], list[dict[str, str]]]
EVIDENCE = {"homepage": "https://uni.example.edu/~ada", "note": "These are my papers.",
            "email": "ada@uni.example.edu"}


def _ask_review(client: TestClient, user: User, author: str = "researcher3",
                evidence: dict[str, str] | None = None) -> Any:
    """POST a review claim; the response."""
    return client.post(f"/api/v1/authors/{author}/claims", headers=user.headers,
                       json={"method": "review", "evidence": evidence or EVIDENCE})


def _holders(graph: Driver, settings: Settings, author: str) -> list[str]:
    records, _, _ = graph.execute_query(
        "MATCH (u:User)-[:CLAIMED]->(:Author {id: $id}) RETURN u.id AS id", id=author,
        database_=settings.neo4j_database)
    return [r["id"] for r in records]


def test_the_routes_say_what_each_record_allows_strongest_first(
        client: TestClient, make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    full = client.get("/api/v1/authors/researcher0/claim-routes", headers=ada.headers).json()
    assert [r["route"] for r in full["routes"]] == ["orcid", "email", "institutional",
                                                    "review"]
    assert "0000-0002-1825-0097" in full["routes"][0]["why"]
    assert full["routes"][2]["level"] == "L3" and "uni.example.edu" in full["routes"][2]["why"]
    bare = client.get("/api/v1/authors/researcher3/claim-routes", headers=ada.headers).json()
    assert [r["route"] for r in bare["routes"]] == ["review"]


def test_an_approved_review_gives_the_record_at_the_checked_level_and_says_so(
        client: TestClient, graph: Driver, settings: Settings, admin: User, outbox: Outbox,
        make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    started = _ask_review(client, ada)
    assert started.status_code == 201, started.text
    claim = started.json()["claim"]
    assert claim["status"] == "review" and claim["method"] == "review"
    assert _ask_review(client, ada).status_code == 409  # one open review per record
    queue = client.get("/api/v1/claims", params={"everyone": "true", "status": "review"},
                       headers=admin.headers).json()["claims"]
    assert [c["id"] for c in queue] == [claim["id"]]
    refused = client.post(f"/api/v1/claims/{claim['id']}/review", headers=ada.headers,
                          json={"decision": "approve"})
    assert refused.status_code == 403
    approved = client.post(f"/api/v1/claims/{claim['id']}/review", headers=admin.headers,
                           json={"decision": "approve", "reason": "Staff page lists her.",
                                 "affiliation_checked": True})
    assert approved.status_code == 200, approved.text
    body = approved.json()
    assert body["claim"]["status"] == "verified" and body["claim"]["level"] == "L3"
    assert body["claim"]["review_reason"] == "Staff page lists her."
    assert _holders(graph, settings, "researcher3") == [ada.id]
    told = [m for m in outbox() if m["to"] == "ada@example.org"][-1]
    assert "approved" in told["subject"] and "Institution-verified" in told["body"]
    again = client.post(f"/api/v1/claims/{claim['id']}/review", headers=admin.headers,
                        json={"decision": "reject", "reason": "late"})
    assert again.status_code == 409


def test_a_rejection_needs_a_reason_and_the_claimant_reads_it(
        client: TestClient, graph: Driver, settings: Settings, admin: User, outbox: Outbox,
        make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    claim = _ask_review(client, ada).json()["claim"]
    url = f"/api/v1/claims/{claim['id']}/review"
    bare = client.post(url, headers=admin.headers, json={"decision": "reject"})
    assert bare.status_code == 422 and "reason" in bare.json()["detail"]
    rejected = client.post(url, headers=admin.headers,
                           json={"decision": "reject", "reason": "No link to these works."})
    assert rejected.status_code == 200 and rejected.json()["claim"]["status"] == "rejected"
    assert _holders(graph, settings, "researcher3") == []
    told = [m for m in outbox() if m["to"] == "ada@example.org"][-1]
    assert "No link to these works." in told["body"]


def test_a_review_asks_for_some_evidence(client: TestClient,
                                         make_user: Callable[[str], User]) -> None:
    empty = _ask_review(client, make_user("ada"), evidence={"note": ""})
    assert empty.status_code == 422 and "why the record is yours" in empty.json()["detail"]
    bad = _ask_review(client, make_user("bob"), evidence={"homepage": "javascript:alert(1)"})
    assert bad.status_code == 422


def test_approving_a_review_of_a_held_record_opens_a_dispute_not_a_takeover(
        client: TestClient, graph: Driver, settings: Settings, admin: User, outbox: Outbox,
        make_user: Callable[[str], User]) -> None:
    ada, bob = make_user("ada"), make_user("bob")
    claim_by_email(client, ada, "researcher0", outbox, "r0@example.org")
    claim = _ask_review(client, bob, "researcher0").json()["claim"]
    decided = client.post(f"/api/v1/claims/{claim['id']}/review", headers=admin.headers,
                          json={"decision": "approve"})
    assert decided.json()["claim"]["status"] == "disputed"
    assert _holders(graph, settings, "researcher0") == [ada.id]
    granted = client.post(f"/api/v1/claims/{claim['id']}/review", headers=admin.headers,
                          json={"decision": "approve", "reason": "Bob is the author."})
    assert granted.json()["claim"]["status"] == "verified"
    assert _holders(graph, settings, "researcher0") == [bob.id]


def test_a_verified_orcid_on_the_account_claims_the_record_at_once(
        client: TestClient, graph: Driver, settings: Settings, accounts_store: AccountsStore,
        make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    with accounts_store.write() as conn:  # what signing in with ORCID leaves on the account
        conn.execute(update(users).where(users.c.id == ada.id)
                     .values(orcid="0000-0002-1825-0097"))
    routes = client.get("/api/v1/authors/researcher0/claim-routes",
                        headers=ada.headers).json()["routes"]
    assert routes[0]["route"] == "orcid_account"
    started = client.post("/api/v1/authors/researcher0/claims", headers=ada.headers,
                          json={"method": "orcid"})
    assert started.status_code == 201, started.text
    assert started.json()["authorize_url"] is None
    assert started.json()["claim"]["status"] == "verified"
    assert _holders(graph, settings, "researcher0") == [ada.id]


def test_the_queue_page_is_for_admins_and_decides_with_a_reason(
        client: TestClient, admin: User, make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    claim = _ask_review(client, ada).json()["claim"]
    anonymous = client.get("/admin/claims", follow_redirects=False)
    assert anonymous.status_code == 303 and "/signin" in anonymous.headers["location"]
    sign_in_page(client, ada.secret)
    refused = client.get("/admin/claims")
    assert refused.status_code == 403 and "for Peergraph&#39;s admins" in refused.text
    mine = client.get("/account").text
    assert "With the admins" in mine and "researcher3" in mine
    client.cookies.clear()
    sign_in_page(client, admin.secret)
    queue = client.get("/admin/claims").text
    assert "These are my papers." in queue and "https://uni.example.edu/~ada" in queue
    form = {"csrf_token": page_csrf(client), "decision": "reject", "reason": ""}
    no_reason = client.post(f"/admin/claims/{claim['id']}", data=form)
    assert no_reason.status_code == 422 and "Say why the claim is rejected" in no_reason.text
    done = client.post(f"/admin/claims/{claim['id']}",
                       data={**form, "reason": "Not enough to go on."})
    assert done.status_code == 200 and "Nothing is waiting for a review" in done.text
    assert re.search(r"that claim is now .Not approved", done.text)
    client.cookies.clear()
    sign_in_page(client, ada.secret)
    assert "Not enough to go on." in client.get("/account").text


def test_a_review_no_admin_decided_in_time_lapses_and_can_be_asked_again(
        client: TestClient, admin: User, accounts_store: AccountsStore,
        make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    claim = _ask_review(client, ada).json()["claim"]
    with accounts_store.write() as conn:
        conn.execute(update(claims).where(claims.c.id == claim["id"])
                     .values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    late = client.post(f"/api/v1/claims/{claim['id']}/review", headers=admin.headers,
                       json={"decision": "approve"})
    assert late.status_code == 409 and "lapsed" in late.json()["detail"]
    sign_in_page(client, admin.secret)
    assert "Nothing is waiting for a review" in client.get("/admin/claims").text
    assert _ask_review(client, ada).status_code == 201
