"""The analyst endpoint's bounds in one process: text limits, the wall clock (planning
included) with termination in Neo4j, the slots and their 429, a parser Neo4j never answers."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from analyst_helpers import analyst_transactions, wait_until_no_analyst_transactions
from fastapi.testclient import TestClient
from neo4j import Driver

from core.settings import Settings
from service.analyst.limits import Limits
from service.analyst.pool import AnalystPool
from service.app import create_app

# One row, computed in one expression: Neo4j checks for termination between rows only.
LONG_REDUCE = "RETURN reduce(s = 0, x IN range(1, 100000000) | s + x) AS total"
# Many rows: stops as soon as it is terminated.
LONG_SCAN = "UNWIND range(1, 1000000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n"
# Within the limits (depth 200), and slow to plan: ~7 s.
SLOW_PLAN = "MATCH (n:" + "&".join(["A"] * 1999) + ") RETURN n"


@pytest.fixture
def one_slot(driver: Driver, settings: Settings) -> Iterator[TestClient]:
    """The service with a single analyst slot."""
    with TestClient(create_app(settings.model_copy(update={"analyst_concurrency": 1}))) as c:
        yield c


# Slack past a deadline before a test calls it missed: wide, so a busy CI machine does not
# flake, and still well short of what each query would take if the deadline were not held.
SLACK_S = 2.0


def _timed_post(client: TestClient, body: dict[str, object]) -> tuple[int, float, dict]:
    began = time.monotonic()
    response = client.post("/api/v1/cypher", json=body)
    return response.status_code, time.monotonic() - began, response.json()


@pytest.mark.parametrize(("query", "limit"), [
    ("RETURN " + "(" * 30_000 + "1" + ")" * 30_000, "PEERGRAPH_ANALYST_MAX_DEPTH"),
    ("RETURN " + "CASE WHEN true THEN " * 150 + "1" + " END" * 150, "MAX_DEPTH"),
    ("RETURN 1 // " + "x" * 70_000, "PEERGRAPH_ANALYST_MAX_QUERY_BYTES"),
])
def test_texts_past_the_limits_are_422_before_neo4j_sees_them(
        client: TestClient, query: str, limit: str) -> None:
    status, took, body = _timed_post(client, {"query": query})
    assert status == 422 and limit in body["detail"]
    assert body["errors"][0]["maximum"] in {200, 65_536}
    assert took < SLACK_S  # refused on its text, before Neo4j
    assert client.app.state.analyst.running() == 0  # type: ignore[attr-defined]


def test_a_body_past_the_body_limit_is_413_first(client: TestClient) -> None:
    # Documented: PEERGRAPH_MAX_BODY_BYTES (1 MiB) refuses the body before it is parsed.
    response = client.post("/api/v1/cypher", json={"query": "RETURN 1 //" + "x" * 2_000_000})
    assert (response.status_code, response.json()["code"]) == (413, "body_too_large")


def test_the_time_limit_is_wall_clock_and_neo4j_stops_a_many_row_query(
        driver: Driver, settings: Settings, client: TestClient) -> None:
    status, took, body = _timed_post(client, {"query": LONG_SCAN, "timeout_ms": 1000})
    assert (status, body["code"]) == (504, "query_timeout") and took < 1.0 + SLACK_S
    assert wait_until_no_analyst_transactions(driver, settings, within_s=5) < 3


def test_planning_counts_against_the_time_limit(driver: Driver, settings: Settings,
                                                client: TestClient) -> None:
    status, took, body = _timed_post(client, {"query": SLOW_PLAN, "timeout_ms": 300})
    assert status == 504 and took < 0.3 + SLACK_S, body  # not the ~7 s of planning
    wait_until_no_analyst_transactions(driver, settings)


def test_a_one_row_computation_is_answered_at_the_deadline_and_holds_its_slot(
        driver: Driver, settings: Settings, one_slot: TestClient) -> None:
    status, took, _ = _timed_post(one_slot, {"query": LONG_REDUCE, "timeout_ms": 500})
    assert status == 504 and took < 0.5 + SLACK_S
    # The reaper terminates it at once; Neo4j marks it terminated but finishes the reduce
    # first (measured: RELIABILITY.md); until then its slot stays taken: 429.
    listed = _terminated_soon(driver, settings)
    if listed:
        busy = one_slot.post("/api/v1/cypher", json={"query": "RETURN 1"})
        assert busy.status_code == 429 and int(busy.headers["Retry-After"]) >= 1
    wait_until_no_analyst_transactions(driver, settings)
    deadline = time.monotonic() + 5
    while one_slot.app.state.analyst.running():  # type: ignore[attr-defined]
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert one_slot.post("/api/v1/cypher", json={"query": "RETURN 1"}).status_code == 200


def _terminated_soon(driver: Driver, settings: Settings) -> list[dict[str, object]]:
    """The analyst transactions once all are marked terminated (fails after 3 s)."""
    deadline = time.monotonic() + 3
    while True:
        listed = analyst_transactions(driver, settings)
        if all(str(t["status"]).startswith("Terminated") for t in listed):
            return listed
        assert time.monotonic() < deadline, listed
        time.sleep(0.05)


def test_past_the_concurrency_a_query_gets_429_with_retry_after(one_slot: TestClient) -> None:
    pool: AnalystPool = one_slot.app.state.analyst  # type: ignore[attr-defined]
    release = threading.Event()
    ticket = pool.admit(Limits(1, 7.5))
    pool.submit(ticket, lambda ticket: release.wait(30))  # holds the one slot
    try:
        for path, body in (("/api/v1/cypher", {"query": "RETURN 1"}),
                           ("/api/v1/queries/score_movers_last_run", {})):
            response = one_slot.post(path, json=body)
            assert response.status_code == 429, response.text
            assert response.headers["content-type"] == "application/problem+json"
            assert response.json()["code"] == "rate_limited"
            assert 1 <= int(response.headers["Retry-After"]) <= 8
            assert "PEERGRAPH_ANALYST_CONCURRENCY" in response.json()["detail"]
        assert one_slot.get("/health").status_code == 200
    finally:
        release.set()
    deadline = time.monotonic() + 5
    while pool.running():
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert one_slot.post("/api/v1/cypher", json={"query": "RETURN 1"}).status_code == 200


def test_a_query_neo4j_never_answers_is_cut_loose_after_its_deadline(
        driver: Driver, settings: Settings, client: TestClient,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The last line of defence, for a nesting the guard does not know: let 1 000 brackets
    # through (Neo4j's parser overflows its stack and never answers) and watch the reaper,
    # told to take a silent transaction for wedged 1 s past its deadline (not 60).
    monkeypatch.setattr("service.analyst.guard.check_depth", lambda code, limit: None)
    pool: AnalystPool = client.app.state.analyst  # type: ignore[attr-defined]
    pool.wedged_after_s = 1.0
    text = "RETURN " + "(" * 1000 + "1" + ")" * 1000
    status, took, _ = _timed_post(client, {"query": text, "timeout_ms": 1000})
    assert status == 504 and took < 1.0 + SLACK_S
    deadline = time.monotonic() + 10
    while pool.running():  # the reaper terminates it, finds Neo4j idle, shuts the socket
        assert time.monotonic() < deadline, analyst_transactions(driver, settings)
        time.sleep(0.1)
    wait_until_no_analyst_transactions(driver, settings, within_s=10)
    assert client.post("/api/v1/cypher", json={"query": "RETURN 1 AS one"}).json()["rows"] == [[1]]
