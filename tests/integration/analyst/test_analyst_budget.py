"""The byte budget: what the driver does when it cuts one huge record off (pinned, so a new
driver version that behaves otherwise fails here loudly), and the byte cap of answers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import neo4j
import neo4j._sync.io._common as bolt_io
import orjson
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from core.settings import Settings
from service.analyst.budget import AnswerTooLarge, ByteBudget, budgeted
from service.analyst.runner import Limits, cut_line, run_json_bytes
from service.app import create_app

SMALL = 65_536  # the smallest PEERGRAPH_ANALYST_MAX_BYTES allowed
BIG_RECORD = "RETURN range(1, 2000000) AS big"  # one record of ~10 MB on the wire


def test_the_wrapper_is_in_the_driver_the_analyst_uses() -> None:
    # What budget.install() relies on: the Inbox reads every message through this one
    # module-level function, and it is ours now.
    assert bolt_io.receive_into_buffer.__module__ == "service.analyst.budget"
    assert "receive_into_buffer" in bolt_io.Inbox._buffer_one_chunk.__code__.co_names
    assert neo4j.__version__.startswith("5."), "check service/analyst/budget.py on a new driver"


def test_a_record_past_the_budget_breaks_the_connection_and_neo4j_drops_the_query(
        driver: Driver, settings: Settings) -> None:
    budget = ByteBudget(record_cap=1 << 20)
    with (pytest.raises((ServiceUnavailable, SessionExpired)) as broken, budgeted(budget),
          driver.session(database=settings.neo4j_database) as session):
        session.run(neo4j.Query(BIG_RECORD, metadata={"app": "budget-test"})).single()
    # The driver took our OSError for a broken connection: it says so, with ours as cause.
    assert isinstance(broken.value.__cause__, AnswerTooLarge)
    assert budget.tripped and budget.received < 2 << 20  # of ~10 MB: reading stopped
    # Neo4j ended the transaction when the connection closed: nothing of it is left.
    records, _, _ = driver.execute_query(
        "SHOW TRANSACTIONS YIELD metaData WHERE metaData.app = 'budget-test' RETURN count(*)")
    assert records[0][0] == 0
    # The same driver goes on working, and without a budget in the context nothing is cut.
    records, _, _ = driver.execute_query(BIG_RECORD, database_=settings.neo4j_database)
    assert len(records[0]["big"]) == 2_000_000


def test_one_huge_record_is_an_empty_answer_cut_for_bytes(driver: Driver,
                                                          settings: Settings) -> None:
    answer = orjson.loads(run_json_bytes(driver, settings, BIG_RECORD, {},
                                         Limits(10, 30, max_bytes=SMALL)))
    assert answer["rows"] == [] and answer["columns"] == ["big"]
    assert (answer["truncated"], answer["truncated_reason"]) == (True, "bytes")
    assert answer["max_bytes"] == SMALL


def test_a_json_answer_stops_at_the_byte_cap_with_whole_rows(driver: Driver,
                                                             settings: Settings) -> None:
    text = "UNWIND range(1, 100000) AS x RETURN x, 'row number ' + x AS label"
    body = run_json_bytes(driver, settings, text, {}, Limits(100_000, 30, max_bytes=SMALL))
    answer = orjson.loads(body)  # valid JSON: the cut falls between rows
    assert len(body) <= SMALL
    assert (answer["truncated"], answer["truncated_reason"]) == (True, "bytes")
    count = answer["row_count"]
    assert 1000 < count < 100_000 and answer["rows"] == [
        [x, f"row number {x}"] for x in range(1, count + 1)]
    rows_cut = orjson.loads(run_json_bytes(driver, settings, text, {}, Limits(10, 30, SMALL)))
    assert (rows_cut["row_count"], rows_cut["truncated_reason"]) == (10, "rows")
    whole = orjson.loads(run_json_bytes(driver, settings, "RETURN 1 AS one", {},
                                        Limits(10, 30, SMALL)))
    assert (whole["truncated"], whole["truncated_reason"]) == (False, None)


@pytest.fixture
def small_cap_client(driver: Driver, settings: Settings) -> Iterator[TestClient]:
    """The service with the smallest byte cap, so a test answer reaches it."""
    with TestClient(create_app(settings.model_copy(update={"analyst_max_bytes": SMALL}))) as c:
        yield c


def test_csv_stops_at_the_byte_cap_with_a_last_line_saying_so(
        small_cap_client: TestClient) -> None:
    response = small_cap_client.post(
        "/api/v1/cypher", headers={"Accept": "text/csv"},
        json={"query": "UNWIND range(1, 100000) AS x RETURN x, 'é, \"quoted\"\n' + x AS s",
              "limit": 100_000})
    assert response.status_code == 200
    assert len(response.content) <= SMALL
    assert response.content.endswith(cut_line(SMALL))
    rows = list(csv.reader(io.StringIO(response.text.removesuffix(cut_line(SMALL).decode()))))
    assert rows[0] == ["x", "s"]
    assert rows[1:] == [[str(x), f'é, "quoted"\n{x}'] for x in range(1, len(rows))]
    one_record = small_cap_client.post("/api/v1/cypher", headers={"Accept": "text/csv"},
                                       json={"query": BIG_RECORD})
    assert one_record.content == b"big\n" + cut_line(SMALL)


def test_the_http_answer_says_why_it_was_cut(small_cap_client: TestClient) -> None:
    response = small_cap_client.post("/api/v1/cypher", json={"query": BIG_RECORD})
    assert response.status_code == 200
    body = response.json()
    assert (body["rows"], body["truncated_reason"], body["max_bytes"]) == ([], "bytes", SMALL)
