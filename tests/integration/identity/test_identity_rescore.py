"""A granted claim rescores its author in the background: the level the claim proved reaches
the trust score and the propagation seeds, one run at a time under the scoring lock, without
anyone running a rescore by hand."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from identity_helpers import User, claim_by_email, sign_in_page
from neo4j import Driver

from core.graph import Graph
from core.settings import Settings
from scoring import lock
from scoring.run import RunOptions, rescore
from service.identity.rescore import Rescorer

Outbox = Callable[[], list[dict[str, str]]]
IDLE_S = 300  # a guard against a hung worker, far above a run on the sample (about 2 s)


@pytest.fixture
def scored(graph: Driver, settings: Settings) -> str:
    """The identity graph scored once (so the background run is incremental); its run id."""
    return rescore(graph, settings.neo4j_database, RunOptions(full=True)).run_id


def _author(driver: Driver, settings: Settings, author: str) -> dict[str, Any]:
    records, _, _ = driver.execute_query("MATCH (a:Author {id: $id}) RETURN properties(a) AS p",
                                         id=author, database_=settings.neo4j_database)
    return dict(records[0]["p"])


def _runs(client: TestClient) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = client.get("/api/v1/scoring/runs").json()["runs"]
    return runs


def _rescorer(client: TestClient) -> Rescorer:
    rescorer = client.app.state.rescorer  # type: ignore[attr-defined]
    assert isinstance(rescorer, Rescorer)
    return rescorer


def _run_node(driver: Driver, settings: Settings, run_id: str) -> dict[str, Any]:
    records, _, _ = driver.execute_query("MATCH (r:ScoringRun {id: $id}) RETURN properties(r) "
                                         "AS p", id=run_id, database_=settings.neo4j_database)
    return dict(records[0]["p"])


def test_a_verified_claim_rescores_its_author_and_moves_the_seeds(
        client: TestClient, graph: Driver, settings: Settings, outbox: Outbox, scored: str,
        make_user: Callable[[str], User]) -> None:
    before = _author(graph, settings, "researcher1")
    neighbour = _author(graph, settings, "researcher0")
    assert before["verification_level"] == "L1" and before["scored_level"] == "L1"
    claim_by_email(client, make_user("ada"), "researcher1", outbox, "r1@example.org")
    assert _rescorer(client).wait_idle(IDLE_S)

    latest = _runs(client)[0]  # the run record the background run left
    assert latest["id"] == _rescorer(client).last_run != scored
    assert latest["status"] == "completed" and latest["mode"] == "incremental"
    after = _author(graph, settings, "researcher1")
    assert after["verification_level"] == after["scored_level"] == "L2"
    identity = json.loads(after["trust_breakdown"])["identity"]
    assert identity["normalised"] == 0.75  # what L2 gives the identity signal
    assert after["trust_score"] > before["trust_score"]
    history = client.get("/api/v1/authors/researcher1/score-history").json()["history"]
    assert [h["verification_level"] for h in history] == ["L2", "L1"]
    # researcher1 became a seed: trust was propagated again, and reached its co-author.
    run = _run_node(graph, settings, latest["id"])
    assert run.get("propagation_skipped") is None and run["moved"] >= 1
    assert _author(graph, settings, "researcher0")["network_trust"] > neighbour["network_trust"]


def test_the_rescore_waits_for_a_running_one_and_one_run_serves_both_claims(
        client: TestClient, graph: Driver, settings: Settings, outbox: Outbox, scored: str,
        make_user: Callable[[str], User]) -> None:
    scoring_graph = Graph(graph, settings.neo4j_database)
    assert lock.try_acquire(scoring_graph, "scheduled", lease_s=600)[0]
    ada, bob = make_user("ada"), make_user("bob")
    try:
        claim_by_email(client, ada, "researcher1", outbox, "r1@example.org")
        claim_by_email(client, bob, "researcher2", outbox, "r2@example.org")
        rescorer = _rescorer(client)
        assert rescorer.pending("researcher1") and rescorer.pending("researcher2")
        sign_in_page(client, ada.secret)
        page = client.get("/authors/researcher1").text
        assert "Your new verification level is recorded" in page
        assert "being recomputed" not in client.get("/authors/researcher3").text
        assert [r["id"] for r in _runs(client)] == [scored]  # nothing ran beside the lock
    finally:
        scoring_graph.write("scoring/release_lock", name=lock.LOCK_NAME, owner="scheduled")
    assert _rescorer(client).wait_idle(IDLE_S)
    runs = _runs(client)
    assert [r["id"] for r in runs] == [_rescorer(client).last_run, scored]  # one run for both
    assert runs[0]["authors_scored"] >= 2
    for author in ("researcher1", "researcher2"):
        assert _author(graph, settings, author)["scored_level"] == "L2"
    assert "being recomputed" not in client.get("/authors/researcher1").text


def test_an_admin_granting_a_dispute_rescores_the_record(
        client: TestClient, graph: Driver, settings: Settings, outbox: Outbox, scored: str,
        admin: User, make_user: Callable[[str], User]) -> None:
    ada, bob = make_user("ada"), make_user("bob")
    claim_by_email(client, ada, "researcher1", outbox, "r1@example.org")
    assert _rescorer(client).wait_idle(IDLE_S)
    first = _rescorer(client).last_run
    disputed = claim_by_email(client, bob, "researcher1", outbox, "r1@example.org")
    assert disputed["claim"]["status"] == "disputed"
    assert not _rescorer(client).pending("researcher1")  # the record did not move
    granted = client.post(f"/api/v1/claims/{disputed['claim']['id']}/resolve",
                          headers=admin.headers, json={"decision": "grant"})
    assert granted.status_code == 200, granted.text
    assert _rescorer(client).wait_idle(IDLE_S)
    assert _rescorer(client).last_run not in (None, first)
    assert _runs(client)[0]["status"] == "completed"


def test_an_approved_review_claim_rescores_the_record_at_its_level(
        client: TestClient, graph: Driver, settings: Settings, scored: str, admin: User,
        make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    started = client.post("/api/v1/authors/researcher3/claims", headers=ada.headers,
                          json={"method": "review", "evidence": {"note": "My papers."}})
    assert started.status_code == 201, started.text
    assert not _rescorer(client).pending("researcher3")  # nothing moved yet
    approved = client.post(f"/api/v1/claims/{started.json()['claim']['id']}/review",
                           headers=admin.headers, json={"decision": "approve",
                                                        "affiliation_checked": True})
    assert approved.status_code == 200, approved.text
    assert _rescorer(client).wait_idle(IDLE_S)
    after = _author(graph, settings, "researcher3")
    assert after["verification_level"] == after["scored_level"] == "L3"
    assert _runs(client)[0]["id"] == _rescorer(client).last_run != scored
