"""The service shell against the real Neo4j: health, readiness, and the one problem shape."""

from fastapi.testclient import TestClient
from neo4j import Driver
from pydantic import SecretStr

from core.localdb import free_port
from core.settings import Settings
from service.app import create_app

PROBLEM_KEYS = {"type", "title", "status", "code", "detail"}


def test_health_and_ready_answer(driver: Driver, settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        assert client.get("/health").json() == {"status": "ok"}
        ready = client.get("/ready")
        assert ready.status_code == 200
        assert ready.json() == {"status": "ready", "schema_version": "1"}


def test_unknown_route_is_a_problem_body(driver: Driver, settings: Settings) -> None:
    # Under /api/ a miss is a problem body; elsewhere (a page's address) the error page.
    with TestClient(create_app(settings)) as client:
        response = client.get("/api/v1/no/such/thing")
        page = client.get("/no/such/thing")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert set(response.json()) == PROBLEM_KEYS
    assert response.json()["code"] == "not_found"


def test_neo4j_down_at_start_gives_503_then_recovers(driver: Driver, settings: Settings) -> None:
    down = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}"})
    with TestClient(create_app(down)) as client:
        assert client.get("/health").status_code == 200
        response = client.get("/ready")
    assert response.status_code == 503
    body = response.json()
    assert set(body) == PROBLEM_KEYS and body["code"] == "database_unavailable"
    assert "not answering" in body["detail"]


def test_wrong_password_is_one_clear_503(driver: Driver, settings: Settings) -> None:
    wrong = settings.model_copy(update={"neo4j_password": SecretStr("definitely-not-it")})
    with TestClient(create_app(wrong)) as client:
        body = client.get("/ready").json()
    assert body["status"] == 503 and "wrong password" in body["detail"]
