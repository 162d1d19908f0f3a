"""Faults: Neo4j stops in the middle of a rescoring run. The run fails, the published scores
stay as they were, the lock frees itself (lease), and the next run succeeds.

Timing is made deterministic by stopping Neo4j from inside the run: a progress reporter
does it the first time a batch of scores has been staged. Uses its own Neo4j."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError

from core.db import apply_schema
from core.graph import Graph
from core.localdb import LocalNeo4j, free_port
from core.settings import Settings
from loaders.sample import load_sample
from scoring import lock
from scoring.run import RunOptions, rescore

pytestmark = pytest.mark.skipif(not Settings().launcher_jar.is_file(),
                                reason="launcher not built (make install builds it)")
LEASE_S = 3  # the crashed run's lock must expire within the test


class StopNeo4jOnFirstBatch:
    """A progress reporter that stops Neo4j once the run has staged its first scores."""

    def __init__(self, local: LocalNeo4j) -> None:
        self.local, self.stopped = local, False

    def phase(self, name: str, total: int | None = None) -> None:
        """Phases pass untouched."""

    def advance(self, n: int = 1) -> None:
        """The first staged batch: stop the database under the running job."""
        if not self.stopped:
            self.stopped = True
            self.local.stop()


@pytest.fixture(scope="module")
def own_neo4j(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalNeo4j, Driver]]:
    """A Neo4j of this module's own with the sample, and a driver that gives up quickly."""
    password = secrets.token_urlsafe(16)
    local = LocalNeo4j(home=tmp_path_factory.mktemp("rescore-neo4j"), host="127.0.0.1",
                       port=free_port(), password=password, heap="512m", pagecache="128m",
                       jar=Settings().launcher_jar)
    local.start()
    # Short retry budget: with the database gone, each failing call ends in about a second.
    driver = GraphDatabase.driver(local.uri, auth=("neo4j", password), connection_timeout=2,
                                  max_transaction_retry_time=1)
    try:
        apply_schema(driver, "neo4j")
        load_sample(driver, "neo4j")
        yield local, driver
    finally:
        driver.close()
        local.stop()


def _published(driver: Driver) -> dict[str, tuple[Any, Any]]:
    records, _, _ = driver.execute_query(
        "MATCH (a:Author) RETURN a.id AS id, a.trust_score AS s, a.trust_breakdown AS b")
    return {r["id"]: (r["s"], r["b"]) for r in records}


def _run_statuses(driver: Driver) -> dict[str, str]:
    records, _, _ = driver.execute_query("MATCH (r:ScoringRun) RETURN r.id AS id, "
                                         "r.status AS status")
    return {r["id"]: r["status"] for r in records}


def test_neo4j_stopping_mid_rescore_keeps_old_scores_and_the_next_run_succeeds(
        own_neo4j: tuple[LocalNeo4j, Driver]) -> None:
    local, driver = own_neo4j
    first = rescore(driver, "neo4j", RunOptions(full=True))
    before = _published(driver)
    assert first.status == "completed" and before["researcher0"][0] is not None
    # A new seed of trust, so the interrupted run would have changed scores.
    driver.execute_query("MATCH (a:Author {id: 'researcher2'}) "
                         "SET a.claimed = true, a.identity_verified = true")

    reporter = StopNeo4jOnFirstBatch(local)
    try:
        with pytest.raises((DriverError, Neo4jError)):
            rescore(driver, "neo4j", RunOptions(full=True, batch=2, lease_s=LEASE_S), reporter)
    finally:
        local.start()
    assert reporter.stopped  # the database really went away in the middle of the run

    interrupted = {i: s for i, s in _run_statuses(driver).items() if i != first.run_id}
    assert len(interrupted) == 1 and set(interrupted.values()) <= {"running", "failed"}
    assert _published(driver) == before  # readers still see the old scores

    # The crashed run's lock frees itself when its lease ends; the next run waits for it.
    after = rescore(driver, "neo4j", RunOptions(full=True, wait_s=60))
    assert after.status == "completed"
    crashed = next(iter(interrupted))
    assert _run_statuses(driver)[crashed] == "failed"
    records, _, _ = driver.execute_query("MATCH (s:Score {run_id: $id}) RETURN count(s) AS n",
                                         id=crashed)
    assert records[0]["n"] == 0  # its staged scores were dropped
    assert _published(driver) != before  # the successful run published the new scores
    assert lock.try_acquire(Graph(driver, "neo4j"), "probe", lease_s=1)[0]  # and released the lock
