"""Faults: Neo4j stops under a running API (503, then recovery without a restart), and the
graph-held state survives a restart of the service. Uses its own Neo4j, not the session's."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from core.db import apply_schema, make_driver
from core.localdb import LocalNeo4j, free_port
from core.settings import Settings
from loaders.sample import load_sample
from service.app import create_app

pytestmark = pytest.mark.skipif(not Settings().launcher_jar.is_file(),
                                reason="launcher not built (make install builds it)")
PROFILE = "/api/v1/authors/researcher0"
READS = [PROFILE, "/api/v1/authors/researcher0/works", "/api/v1/search?q=graph",
         "/api/v1/nodes/researcher0/neighbourhood"]


@pytest.fixture(scope="module")
def own_neo4j(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalNeo4j, Settings]]:
    """A Neo4j of this module's own (small heap) with the sample, and settings pointing at it."""
    password = secrets.token_urlsafe(16)
    local = LocalNeo4j(home=tmp_path_factory.mktemp("faults-neo4j"), host="127.0.0.1",
                       port=free_port(), password=password, heap="512m", pagecache="128m",
                       jar=Settings().launcher_jar)
    local.start()
    accounts = tmp_path_factory.mktemp("faults-accounts") / "accounts.db"
    settings = Settings(_env_file=None, neo4j_uri=local.uri, neo4j_password=password,  # type: ignore[call-arg]
                        local_db_home=Path(tmp_path_factory.mktemp("unused-home")),
                        accounts_url=f"sqlite:///{accounts}", secret_key=secrets.token_urlsafe(48))
    try:
        with make_driver(settings) as driver:
            apply_schema(driver, settings.neo4j_database)
            load_sample(driver, settings.neo4j_database)
        yield local, settings
    finally:
        local.stop()


def _eventually_ok(client: TestClient, url: str, attempts: int = 60) -> int:
    """Poll until the URL answers 200 (the pool reconnects on its own); the last status."""
    status = 0
    for _ in range(attempts):
        status = client.get(url).status_code
        if status == 200:
            return status
        time.sleep(1)  # waiting for Neo4j, not asserting on time
    return status


def test_neo4j_down_gives_503_then_the_same_process_recovers(
        own_neo4j: tuple[LocalNeo4j, Settings]) -> None:
    local, settings = own_neo4j
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        assert all(client.get(url).status_code == 200 for url in READS)
        local.stop()
        try:
            for url in READS:
                response = client.get(url)
                assert response.status_code == 503, (url, response.text[:300])
                assert response.headers["content-type"] == "application/problem+json"
                body = response.json()
                assert body["code"] == "database_unavailable"
                assert "not answering" in body["detail"]
        finally:
            local.start()
        assert _eventually_ok(client, PROFILE) == 200
        assert all(client.get(url).status_code == 200 for url in READS)
        assert client.get(PROFILE).json()["id"] == "researcher0"
