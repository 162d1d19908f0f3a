"""The error bodies of the exploration API, pinned: 404, 422 and 503 across endpoints."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from core.localdb import free_port
from core.settings import Settings
from service.app import create_app

PROBLEM = "application/problem+json"
NOT_FOUND = [
    ("/api/v1/authors/nobody", "No author has the id 'nobody'"),
    ("/api/v1/authors/nobody/works", "No author has the id 'nobody'"),
    ("/api/v1/authors/nobody/collaborators", "No author has the id 'nobody'"),
    ("/api/v1/works/W1", "No work has the id 'W1'"),
    ("/api/v1/topics/nothing", "No topic has the id 'nothing'"),
    ("/api/v1/institutions/I1", "No institution has the id 'I1'"),
    ("/api/v1/nodes/nothing/neighbourhood", "No node has the id 'nothing'"),
    ("/api/v1/paths?from=researcher0&to=nobody", "No author has the id 'nobody'"),
]
INVALID = [
    ("/api/v1/nodes/researcher0/neighbourhood?depth=3", "depth",
     "Input should be less than or equal to 2"),
    ("/api/v1/nodes/researcher0/neighbourhood?limit=0", "limit",
     "Input should be greater than or equal to 1"),
    ("/api/v1/nodes/researcher0/neighbourhood?limit=2001", "limit",
     "Input should be less than or equal to 2000"),
    ("/api/v1/nodes/researcher0/neighbourhood?types=Person", "types",
     "unknown 'Person'; use any of Author, Work, Topic, Institution, Venue"),
    ("/api/v1/nodes/researcher0/neighbourhood?edge_types=KNOWS", "edge_types",
     "unknown 'KNOWS'; use any of AUTHORED, ABOUT, PUBLISHED_IN, CITES, AFFILIATED_WITH, "
     "COLLABORATES_WITH"),
    ("/api/v1/nodes/researcher0/neighbourhood?format=xml", "format",
     "Input should be 'json', 'graphml', 'gexf' or 'csv'"),
    ("/api/v1/authors/researcher0/works?cursor=-1", "cursor",
     "not a cursor this API returned; pass next_cursor from the previous page as is"),
    ("/api/v1/authors/researcher0/works?cursor=WzEsMl0", "cursor",
     "not a cursor this API returned; pass next_cursor from the previous page as is"),
    ("/api/v1/authors/researcher0/works?limit=abc", "limit",
     "Input should be a valid integer, unable to parse string as an integer"),
    ("/api/v1/authors/researcher0/works?year_from=2022&year_to=2020", "year_from",
     "year_from (2022) is after year_to (2020)"),
    ("/api/v1/paths?from=researcher0", "to", "Field required"),
    ("/api/v1/paths?from=researcher0&to=researcher1&max_hops=7", "max_hops",
     "Input should be less than or equal to 6"),
    ("/api/v1/paths?from=researcher0&to=researcher0", "to",
     "from and to name the same author ('researcher0'); give two authors"),
    ("/api/v1/search?q=", "q", "String should have at least 1 character"),
    ("/api/v1/search?q=x&types=topic", "types", "unknown 'topic'; use any of author, work"),
]


@pytest.mark.parametrize(("url", "detail"), NOT_FOUND)
def test_unknown_ids_are_404_problems(sample_client: TestClient, url: str, detail: str) -> None:
    response = sample_client.get(url)
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert set(body) == {"type", "title", "status", "code", "detail"}
    assert (body["status"], body["code"], body["title"]) == (404, "not_found", "Not found")
    assert body["type"] == "https://peergraph.dev/problems/not_found"
    assert body["detail"].startswith(detail)


@pytest.mark.parametrize(("url", "parameter", "message"), INVALID)
def test_bad_parameters_are_422_naming_the_parameter(
        sample_client: TestClient, url: str, parameter: str, message: str) -> None:
    response = sample_client.get(url)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert (body["status"], body["code"], body["title"]) == (422, "invalid_parameter",
                                                            "Invalid parameter")
    assert body["errors"][0] == {"parameter": parameter, "in": "query", "message": message}
    assert body["detail"] == f"{parameter}: {message}" or body["detail"] == message


@pytest.mark.parametrize("url", [
    "/api/v1/authors/researcher0", "/api/v1/authors/researcher0/works",
    "/api/v1/authors/researcher0/collaborators", "/api/v1/works/W1", "/api/v1/topics/T1",
    "/api/v1/institutions/I1", "/api/v1/nodes/researcher0/neighbourhood",
    "/api/v1/paths?from=researcher0&to=researcher1", "/api/v1/search?q=graph"])
def test_neo4j_down_is_a_503_problem_without_a_trace(settings: Settings, url: str) -> None:
    down = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}",
                                       "neo4j_connect_timeout_s": 1.0, "explore_retry_time_s": 0})
    with TestClient(create_app(down), raise_server_exceptions=False) as client:
        response = client.get(url)
    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == {
        "type": "https://peergraph.dev/problems/database_unavailable",
        "title": "Database unavailable", "status": 503, "code": "database_unavailable",
        "detail": "The graph database is not answering; try again shortly."}


def test_cors_answers_a_configured_origin(settings: Settings, sample_client: TestClient) -> None:
    allowed = settings.model_copy(update={"cors_origins": ["https://explorer.example"]})
    with TestClient(create_app(allowed)) as client:
        response = client.get("/api/v1/authors/researcher0",
                              headers={"Origin": "https://explorer.example"})
    assert response.headers["access-control-allow-origin"] == "https://explorer.example"
