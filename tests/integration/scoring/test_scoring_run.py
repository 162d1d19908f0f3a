"""The rescoring job: one run at a time, crashed runs recovered, all or nothing for readers,
incremental by default, and its history and runs over the API."""

import json
import random
import time

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from scoring_graphs import Builder, author_props, ring_and_verified_graph

from core.errors import Conflict
from core.graph import Graph
from core.settings import Settings
from loaders.sample import load_sample
from scoring import lock, run_records
from scoring.run import RunOptions, rescore


class FailAfterFirstBatch:
    """A progress reporter that makes the run fail once some scores are staged."""

    def phase(self, name: str, total: int | None = None) -> None:
        self.current = name

    def advance(self, n: int = 1) -> None:
        raise RuntimeError("simulated crash half-way through staging")


def _published(driver: Driver) -> dict[str, tuple]:
    records, _, _ = driver.execute_query(
        "MATCH (a:Author) RETURN a.id AS id, a.trust_score AS s, a.trust_breakdown AS b")
    return {r["id"]: (r["s"], r["b"]) for r in records}


def _count(driver: Driver, cypher: str) -> int:
    records, _, _ = driver.execute_query(cypher)
    return int(records[0][0])


def test_a_second_run_exits_with_a_clear_message(driver: Driver, settings: Settings) -> None:
    db = settings.neo4j_database
    acquired, _ = lock.try_acquire(Graph(driver, db), "someone-else", lease_s=600)
    assert acquired
    with pytest.raises(Conflict, match="Another rescoring is running: run someone-else"):
        rescore(driver, db, RunOptions(full=True))
    assert not lock.try_acquire(Graph(driver, db), "third", lease_s=600)[0]


def test_a_crashed_runs_lock_expires_and_its_staged_scores_are_dropped(
        driver: Driver, settings: Settings) -> None:
    db = settings.neo4j_database
    load_sample(driver, db)
    assert lock.try_acquire(Graph(driver, db), "crashed", lease_s=1)[0]
    run_records.create_run(Graph(driver, db), "crashed", "full", "trust-v1")
    driver.execute_query("MATCH (a:Author {id: 'researcher0'}) CREATE (a)-[:SCORED]->"
                         "(:Score {id: 'crashed:researcher0', run_id: 'crashed', value: 99, "
                         "pending: true, at: datetime()})")
    time.sleep(1.5)  # let the crashed job's lease run out
    summary = rescore(driver, db, RunOptions(full=True))
    assert summary.status == "completed"
    assert any("crashed" in note for note in summary.notes)
    assert _count(driver, "MATCH (s:Score {run_id: 'crashed'}) RETURN count(s)") == 0
    records, _, _ = driver.execute_query("MATCH (r:ScoringRun {id: 'crashed'}) "
                                         "RETURN r.status AS status, r.error AS error")
    assert records[0]["status"] == "failed" and "lease" in records[0]["error"]
    assert author_props(driver, "researcher0")["trust_score"] != 99


def test_a_run_failing_half_way_leaves_every_previous_score(
        driver: Driver, settings: Settings, build: Builder) -> None:
    db = settings.neo4j_database
    load_sample(driver, db)
    rescore(driver, db, RunOptions(full=True))
    before = _published(driver)
    # A change that moves every collaborator's score, then a run that dies while staging.
    build({"researcher9": "L2"}, [(f"new{i}", ["researcher9", f"researcher{i % 5}"], 2024)
                                  for i in range(10)])
    with pytest.raises(RuntimeError, match="simulated crash"):
        rescore(driver, db, RunOptions(full=True, batch=2), FailAfterFirstBatch())
    after = _published(driver)
    assert {k: v for k, v in after.items() if k != "researcher9"} == before
    assert after["researcher9"] == (None, None)
    assert _count(driver, "MATCH (s:Score) WHERE s.pending RETURN count(s)") == 0
    records, _, _ = driver.execute_query(
        "MATCH (r:ScoringRun) RETURN r.status AS status, r.error AS error "
        "ORDER BY r.started DESC LIMIT 1")
    assert records[0]["status"] == "failed" and "simulated crash" in records[0]["error"]
    # The next run publishes the change.
    rescore(driver, db, RunOptions(full=False))
    assert _published(driver)["researcher9"][0] is not None


def test_incremental_runs_rescore_only_what_changed(
        driver: Driver, settings: Settings, build: Builder) -> None:
    db = settings.neo4j_database
    authors, works = ring_and_verified_graph(random.Random(11))
    build(authors, works)
    first = rescore(driver, db, RunOptions(full=False))
    assert first.mode == "full"  # no completed run yet
    build(works=[("extra1", ["ring05", "ring06"], 2024), ("extra2", ["ring05"], 2024)])
    second = rescore(driver, db, RunOptions(full=False))
    assert second.mode == "incremental"
    assert second.authors_scored == 2 and second.stats["changed"] == 2
    breakdown = json.loads(author_props(driver, "ring05")["trust_breakdown"])
    works_now = _count(driver, "MATCH (:Author {id: 'ring05'})-[:AUTHORED]->(w) "
                               "RETURN count(w)")
    assert breakdown["publication"]["raw"]["works"] == works_now  # the new works count
    history = _count(driver, "MATCH (:Author {id: 'ring05'})-[:SCORED]->(s:Score) "
                             "RETURN count(s)")
    assert history == 2
    third = rescore(driver, db, RunOptions(full=False))
    assert third.mode == "incremental" and third.authors_scored == 0


def test_score_history_and_runs_over_the_api(driver: Driver, settings: Settings,
                                             client: TestClient) -> None:
    db = settings.neo4j_database
    load_sample(driver, db)
    summary = rescore(driver, db, RunOptions(full=True))
    response = client.get("/api/v1/authors/researcher0/score-history")
    assert response.status_code == 200
    body = response.json()
    assert body["author_id"] == "researcher0" and len(body["history"]) == 1
    entry = body["history"][0]
    assert entry["run_id"] == summary.run_id and entry["band"] == "Emerging"
    assert sum(s["contribution"] for s in entry["breakdown"].values()) == entry["value"]
    missing = client.get("/api/v1/authors/nobody/score-history")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    runs_page = client.get("/api/v1/scoring/runs", params={"limit": 5}).json()
    assert runs_page["runs"][0]["id"] == summary.run_id
    assert runs_page["runs"][0]["status"] == "completed"
    assert runs_page["runs"][0]["authors_scored"] == 5
    assert client.get("/api/v1/scoring/runs", params={"limit": 0}).status_code == 422


def test_an_incremental_run_agrees_with_the_full_run(
        driver: Driver, settings: Settings, build: Builder) -> None:
    db = settings.neo4j_database
    authors, works = ring_and_verified_graph(random.Random(13))
    build(authors, works)
    rescore(driver, db, RunOptions(full=True))
    before = _published(driver)
    driver.execute_query("MATCH (a:Author) WHERE a.id IN ['target', 'ring03', 'ver2'] "
                         "SET a.changed_at = datetime()")
    run = rescore(driver, db, RunOptions(full=False))
    assert run.mode == "incremental" and run.authors_scored == 3
    assert run.stats["scores_changed"] == 0  # same rules, same inputs: same scores
    assert run.stats["propagation_skipped"] == 1  # no pair and no seed changed
    assert _published(driver) == before
