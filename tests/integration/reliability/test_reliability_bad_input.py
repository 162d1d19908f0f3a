"""Bad input over HTTP: every answer a 4xx with the problem body, and the graph unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from reliability_helpers import Fingerprint, fingerprint

from core.db import apply_schema, delete_everything
from core.settings import Settings
from loaders.sample import load_sample
from service.app import create_app

PROBLEM = "application/problem+json"
JSON = {"content-type": "application/json"}
DEEP = "[" * 100_000 + "]" * 100_000
TOO_BIG = "9" * 40

CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/api/v1/cypher", {"content": '{"query": "RETURN 1", "parameters": {"a": '
                                + DEEP + "}}", "headers": JSON}),
    ("POST", "/api/v1/cypher", {"json": {"query": "RETURN 1 //" + "x" * 5_000_000}}),
    ("POST", "/api/v1/cypher", {"content": b"\xff\xfe not json", "headers": JSON}),
    ("POST", "/api/v1/cypher", {"json": {"query": "RETURN 1", "limit": 10**30}}),
    ("POST", "/api/v1/cypher", {"json": {"query": "RETURN 1", "timeout_ms": 10**30}}),
    ("POST", "/api/v1/cypher", {"json": {"query": "CREATE (:Work {id: 'evil'})"}}),
    ("POST", "/api/v1/queries/top_authors_by_trust_in_topic", {"content": DEEP,
                                                               "headers": JSON}),
    ("POST", "/api/v1/users", {"content": DEEP, "headers": JSON}),
    ("GET", f"/api/v1/authors/researcher0/works?limit={TOO_BIG}", {}),
    ("GET", f"/api/v1/authors/researcher0/collaborators?limit={TOO_BIG}", {}),
    ("GET", f"/api/v1/search?q=graph&limit={TOO_BIG}", {}),
    ("GET", f"/api/v1/nodes/researcher0/neighbourhood?limit={TOO_BIG}", {}),
    ("GET", f"/api/v1/nodes/researcher0/neighbourhood?depth={TOO_BIG}", {}),
    ("GET", "/api/v1/authors/%F0%9F%98%80", {}),
    ("GET", "/api/v1/authors/%ED%A0%80", {}),  # a lone surrogate, percent-encoded
    ("GET", "/api/v1/authors/%00", {}),
    ("GET", "/api/v1/authors/" + "é" * 5000, {}),
    ("GET", "/api/v1/works/%E2%80%A8%E2%80%AE", {}),
    ("GET", "/api/v1/topics/%F0%9F%A7%AC", {}),
    ("GET", "/api/v1/paths?from=%E2%80%A8&to=researcher0", {}),
    ("GET", "/api/v1/search?q=" + "\u202e" * 3 + 'AND OR ~ * \\ "', {}),
    ("GET", "/api/v1/search?q=" + "x" * 6000, {}),
    ("GET", "/api/v1/queries/%00", {}),
]


@pytest.fixture(scope="module")
def sample_client(session_driver: Driver, settings: Settings) -> Iterator[TestClient]:
    """The app over the bundled sample, errors answered (not raised) like a real server."""
    delete_everything(session_driver, settings.neo4j_database)
    apply_schema(session_driver, settings.neo4j_database)
    load_sample(session_driver, settings.neo4j_database)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module")
def before(sample_client: TestClient, session_driver: Driver, settings: Settings) -> Fingerprint:
    """The sample graph's fingerprint before any bad request."""
    return fingerprint(session_driver, settings.neo4j_database)


@pytest.mark.parametrize(("method", "url", "extra"), CASES,
                         ids=[f"{m} {u[:50]}" for m, u, _ in CASES])
def test_bad_input_gets_a_readable_4xx_and_changes_nothing(
        sample_client: TestClient, before: Fingerprint, session_driver: Driver,
        settings: Settings, method: str, url: str, extra: dict[str, Any]) -> None:
    response = sample_client.request(method, url, **extra)
    assert 400 <= response.status_code < 500, response.text[:300]
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == response.status_code
    assert body["detail"] and body["title"]
    assert fingerprint(session_driver, settings.neo4j_database) == before


@pytest.mark.parametrize("content", ['{"query": "RETURN $p", "parameters": {"p": '
                                     + "1" * 30 + "}}",
                                     '{"query": "RETURN $p", "parameters": {"p": "\\ud800"}}'])
def test_analyst_parameters_bolt_cannot_carry_are_a_4xx(sample_client: TestClient,
                                                         content: str) -> None:
    response = sample_client.post("/api/v1/cypher", content=content, headers=JSON)
    assert 400 <= response.status_code < 500


def test_oversized_bodies_are_refused_before_they_are_read(sample_client: TestClient) -> None:
    declared = sample_client.post("/api/v1/cypher", json={"query": "RETURN 1 //" + "x" * 2**21})
    assert (declared.status_code, declared.json()["code"]) == (413, "body_too_large")
    chunked = sample_client.post("/api/v1/cypher", headers=JSON,
                                 content=(b"x" * 65_536 for _ in range(40)))  # no length
    assert chunked.status_code == 413
    small = sample_client.post("/api/v1/cypher", headers=JSON,
                               content=iter([b'{"query": ', b'"RETURN 1 AS one"}']))
    assert small.status_code == 200 and small.json()["rows"] == [[1]]
