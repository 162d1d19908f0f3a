"""Fixtures of the exploration API tests: the sample graph (optionally enriched) and a client.

A graph is loaded only when the previous test wanted another one; tests that write clean up
after themselves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from core.db import apply_schema, delete_everything
from core.settings import Settings
from loaders.sample import load_sample
from service.app import create_app

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "api"


def fresh_sample(driver: Driver, settings: Settings) -> None:
    """An empty graph with the schema and the bundled sample."""
    delete_everything(driver, settings.neo4j_database)
    apply_schema(driver, settings.neo4j_database)
    load_sample(driver, settings.neo4j_database)


def run_fixture_file(driver: Driver, settings: Settings, name: str) -> None:
    """Run each `;`-separated statement of tests/fixtures/api/<name>."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    body = "\n".join(ln for ln in text.splitlines() if not ln.strip().startswith("//"))
    with driver.session(database=settings.neo4j_database) as session:
        for statement in filter(None, (part.strip() for part in body.split(";"))):
            session.run(statement).consume()  # type: ignore[arg-type]


# Which graph the database holds for these tests; reset per module, since tests elsewhere
# empty the graph.
_loaded: dict[str, str | None] = {"graph": None}


def _ensure(driver: Driver, settings: Settings, graph: str) -> None:
    """Load the sample (and the enrichment) unless that graph is already there."""
    if _loaded["graph"] != graph:
        fresh_sample(driver, settings)
        if graph == "enriched":
            run_fixture_file(driver, settings, "enrich_sample.cypher")
        _loaded["graph"] = graph


@pytest.fixture(scope="module")
def api_client(settings: Settings) -> Iterator[TestClient]:
    """One client (one app, one driver) per test module."""
    _loaded["graph"] = None
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def sample_client(api_client: TestClient, session_driver: Driver,
                  settings: Settings) -> TestClient:
    """The client, over the bundled sample as loaded."""
    _ensure(session_driver, settings, "sample")
    return api_client


@pytest.fixture
def enriched_client(api_client: TestClient, session_driver: Driver,
                    settings: Settings) -> TestClient:
    """The client, over the sample plus topics, an institution, aliases, a scored author…"""
    _ensure(session_driver, settings, "enriched")
    return api_client
