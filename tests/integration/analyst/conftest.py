"""Fixtures for the analyst-access tests: an HTTP client and a small graph to read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from core.settings import Settings
from service.app import create_app

# A small graph: 4 authors, 4 works, citations, two topics, an institution, collaborations
# and two scoring runs. Test data only: it never leaves the test database.
SMALL_GRAPH = """
CREATE (t1:Topic {id: 'openalex:C1', name: 'Machine learning', source: 'openalex'}),
       (t2:Topic {id: 'openalex:C2', name: 'Graph theory', source: 'openalex'}),
       (inst:Institution {id: 'I1', name: 'Example University', country: 'NL'}),
       (a1:Author {id: 'a1', name: 'Ada', trust_score: 80, trust_band: 'Highly trusted',
                   verification_level: 'L2'}),
       (a2:Author {id: 'a2', name: 'Bo', trust_score: 55, trust_band: 'Established',
                   verification_level: 'L1'}),
       (a3:Author {id: 'a3', name: 'Cy', trust_score: 30, trust_band: 'Emerging',
                   verification_level: 'L0'}),
       (a4:Author {id: 'a4', name: 'Di', verification_level: 'L0'}),
       (w1:Work {id: 'w1', title: 'Learning graphs', year: 2020}),
       (w2:Work {id: 'w2', title: 'Graphs that learn', year: 2021}),
       (w3:Work {id: 'w3', title: 'Trees', year: 2022}),
       (w4:Work {id: 'w4', title: 'Forests', year: 2023}),
       (a1)-[:AUTHORED {position: 0}]->(w1), (a2)-[:AUTHORED {position: 1}]->(w1),
       (a2)-[:AUTHORED {position: 0}]->(w2), (a3)-[:AUTHORED {position: 1}]->(w2),
       (a3)-[:AUTHORED {position: 0}]->(w3), (a4)-[:AUTHORED {position: 0}]->(w4),
       (w1)-[:ABOUT {score: 0.9}]->(t1), (w2)-[:ABOUT {score: 0.8}]->(t1),
       (w3)-[:ABOUT {score: 0.7}]->(t2),
       (w1)-[:CITES]->(w2), (w2)-[:CITES]->(w1), (w3)-[:CITES]->(w1),
       (a1)-[:AFFILIATED_WITH]->(inst), (a2)-[:AFFILIATED_WITH]->(inst),
       (a3)-[:AFFILIATED_WITH]->(inst),
       (a1)-[:COLLABORATES_WITH {shared_works: 1}]->(a2),
       (a2)-[:COLLABORATES_WITH {shared_works: 1}]->(a3),
       (r1:ScoringRun {id: 'run1', started: datetime('2024-01-01T00:00:00Z'),
                       finished: datetime('2024-01-01T00:10:00Z'), status: 'succeeded'}),
       (r2:ScoringRun {id: 'run2', started: datetime('2024-02-01T00:00:00Z'),
                       finished: datetime('2024-02-01T00:10:00Z'), status: 'succeeded'}),
       (a1)-[:SCORED]->(:Score {id: 'a1:run1', run_id: 'run1', value: 60, band: 'Trusted',
                                at: datetime('2024-01-01T00:05:00Z')}),
       (a1)-[:SCORED]->(:Score {id: 'a1:run2', run_id: 'run2', value: 80, band: 'Highly trusted',
                                at: datetime('2024-02-01T00:05:00Z')}),
       (a2)-[:SCORED]->(:Score {id: 'a2:run1', run_id: 'run1', value: 50, band: 'Established',
                                at: datetime('2024-01-01T00:05:00Z')}),
       (a2)-[:SCORED]->(:Score {id: 'a2:run2', run_id: 'run2', value: 55, band: 'Established',
                                at: datetime('2024-02-01T00:05:00Z')})
"""


@pytest.fixture
def small_graph(driver: Driver, settings: Settings) -> Driver:
    """The emptied test graph with SMALL_GRAPH in it."""
    driver.execute_query(SMALL_GRAPH, database_=settings.neo4j_database)
    return driver


@pytest.fixture
def client(driver: Driver, settings: Settings) -> Iterator[TestClient]:
    """The service over the test database (the graph emptied first by `driver`)."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


Fingerprint = Callable[[], dict[str, Any]]


@pytest.fixture
def fingerprint(driver: Driver, settings: Settings) -> Fingerprint:
    """A function returning everything a write could change: counts, tokens, indexes, data."""
    return lambda: graph_fingerprint(driver, settings)


def graph_fingerprint(driver: Driver, settings: Settings) -> dict[str, Any]:
    """Everything a write could change: counts, labels, types, property keys, indexes."""
    def one(text: str) -> Any:
        records, _, _ = driver.execute_query(text, database_=settings.neo4j_database)
        return records[0][0]

    return {
        "nodes": one("MATCH (n) RETURN count(n)"),
        "relationships": one("MATCH ()-[r]->() RETURN count(r)"),
        "labels": one("CALL db.labels() YIELD label RETURN collect(label)"),
        "types": one("CALL db.relationshipTypes() YIELD relationshipType AS t RETURN collect(t)"),
        "keys": one("CALL db.propertyKeys() YIELD propertyKey AS k RETURN collect(k)"),
        "indexes": one("SHOW INDEXES YIELD name RETURN collect(name)"),
        "properties": one("MATCH (n) RETURN collect(properties(n))"),
    }
