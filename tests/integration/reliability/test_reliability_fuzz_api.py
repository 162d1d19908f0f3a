"""Fuzz the HTTP API from its own OpenAPI schema (schemathesis): no 5xx, ever.

Every GET operation, plus the analyst's POST /api/v1/cypher, against the real app over the
bundled sample on the test Neo4j; a bounded number of examples per operation."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver
from reliability_helpers import fingerprint
from schemathesis import Case, GenerationMode
from schemathesis.schemas import APIOperation, BaseSchema

from core.db import apply_schema, delete_everything
from core.settings import Settings
from loaders.sample import load_sample
from service.app import create_app

EXAMPLES_PER_OPERATION = 15


@pytest.fixture(scope="module")
def fuzzed_app(session_driver: Driver, settings: Settings) -> Iterator[FastAPI]:
    """The app over the sample, started (its lifespan made the driver)."""
    delete_everything(session_driver, settings.neo4j_database)
    apply_schema(session_driver, settings.neo4j_database)
    load_sample(session_driver, settings.neo4j_database)
    app = create_app(settings)
    with TestClient(app):
        yield app


@pytest.fixture(scope="module")
def api_schema(fuzzed_app: FastAPI) -> BaseSchema:
    """The app's own OpenAPI schema, called in-process (ASGI)."""
    return schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)


def _operations(api_schema: BaseSchema, **only: str) -> list[APIOperation]:
    """The schema's operations matching the filter (method, path)."""
    return [result.ok() for result in api_schema.include(**only).get_all_operations()]


def _no_server_error(case: Case) -> None:
    """Call the operation; a 5xx fails, and so does an error without the problem body."""
    response = case.call()
    # An analyst query past its time limit answers 504 query_timeout by design; the limit is
    # wall clock for the whole request, which a generated timeout_ms of 1 ms cannot meet.
    timed_out = response.status_code == 504 and '"code":"query_timeout"' in response.text
    assert response.status_code < 500 or timed_out, (
        f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}")
    if response.status_code >= 400:
        content_type = response.headers.get("content-type") or [""]  # a list per header
        assert content_type[0].startswith("application/problem+json"), response.text[:300]


def _fuzz(operation: APIOperation, examples: int, after_each: Callable[[], None]) -> None:
    """Valid and invalid generated requests for one operation."""
    strategy = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                         operation.as_strategy(GenerationMode.NEGATIVE))

    @given(strategy)
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case: Case) -> None:
        _no_server_error(case)
        after_each()

    check()


def test_get_operations_never_answer_5xx(api_schema: BaseSchema) -> None:
    operations = _operations(api_schema, method="GET")
    assert len(operations) >= 15  # the check must not pass by finding nothing
    for operation in operations:
        _fuzz(operation, EXAMPLES_PER_OPERATION, lambda: None)


def test_analyst_cypher_never_answers_5xx_nor_writes(api_schema: BaseSchema,
                                                     session_driver: Driver,
                                                     settings: Settings) -> None:
    before = fingerprint(session_driver, settings.neo4j_database)

    def unchanged() -> None:
        assert fingerprint(session_driver, settings.neo4j_database) == before

    for operation in _operations(api_schema, method="POST", path="/api/v1/cypher"):
        _fuzz(operation, 60, unchanged)
