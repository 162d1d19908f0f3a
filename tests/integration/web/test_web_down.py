"""A page whose database is down answers an HTML error page that says what to do, never
problem+json; the API beside it keeps its problem+json (one error path for both)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from core.localdb import free_port
from core.settings import Settings
from service.app import create_app


@pytest.fixture(scope="module")
def down_client(settings: Settings) -> TestClient:
    """An app whose Neo4j is not there (a closed port), retrying for no time."""
    down = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}",
                                       "neo4j_connect_timeout_s": 1.0, "explore_retry_time_s": 0})
    with TestClient(create_app(down), raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize("url", ["/", "/authors/researcher0", "/?q=graph"])
def test_a_page_with_neo4j_down_is_an_html_error_page(down_client: TestClient, url: str) -> None:
    response = down_client.get(url)
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert "Database unavailable" in response.text
    assert "The graph database is not answering; try again shortly." in response.text
    assert "Traceback" not in response.text


def test_the_api_beside_it_stays_problem_json(down_client: TestClient) -> None:
    response = down_client.get("/api/v1/authors/researcher0/score-history")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "database_unavailable"


def test_an_unknown_page_is_an_html_404(down_client: TestClient) -> None:
    response = down_client.get("/no-such-page")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Back to the start page" in response.text
