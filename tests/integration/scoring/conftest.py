"""Fixtures for the scoring tests (helpers live in scoring_graphs.py)."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from scoring_graphs import Builder, author_row, work_rows

from core.graph import Graph
from core.settings import Settings
from loaders.graph_rows import GraphRows, write_rows
from service.app import create_app


@pytest.fixture
def build(driver: Driver, settings: Settings) -> Builder:
    """build(authors={id: level}, works=[(work_id, [author ids], year)]) writes them."""
    def _build(authors: dict[str, str] | None = None,
               works: Sequence[tuple[str, Sequence[str], int]] = (), seed: int = 7) -> None:
        rng = random.Random(seed)
        rows = GraphRows()
        rows.authors = [author_row(a, level) for a, level in (authors or {}).items()]
        for work_id, names, year in works:
            work, links = work_rows(work_id, names, year, rng)
            rows.works.append(work)
            rows.authorships.extend(links)
        write_rows(Graph(driver, settings.neo4j_database), rows)
    return _build


@pytest.fixture
def client(driver: Driver, settings: Settings) -> Iterator[TestClient]:
    """The API over the test graph (the driver fixture has emptied it)."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client
