"""The saved queries of cypher/analyst/, listed and run over HTTP on a small graph."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from core.settings import Settings

STARTER_SET = {"top_authors_by_trust_in_topic", "collaborators_of_collaborators",
               "institutions_by_verified_authors", "score_movers_last_run",
               "dense_coauthor_clusters", "citations_within_group"}

CLIQUE = """
UNWIND ['q1', 'q2', 'q3', 'q4', 'x'] AS id CREATE (:Author {id: id, name: id})
WITH count(*) AS made
UNWIND [['q1','q2'], ['q1','q3'], ['q1','q4'], ['q2','q3'], ['q2','q4'], ['q3','q4'],
        ['q4','x']] AS pair
MATCH (a:Author {id: pair[0]}), (b:Author {id: pair[1]})
CREATE (a)-[:COLLABORATES_WITH {shared_works: 3}]->(b)
"""


def _run(client: TestClient, name: str, **parameters: Any) -> dict[str, Any]:
    response = client.post(f"/api/v1/queries/{name}", json={"parameters": parameters})
    assert response.status_code == 200, response.json()
    return response.json()


def _column(body: dict[str, Any], name: str) -> list[Any]:
    index = body["columns"].index(name)
    return [row[index] for row in body["rows"]]


def test_the_starter_set_is_listed_with_typed_parameters(driver: Driver,
                                                         client: TestClient) -> None:
    listed = {q["name"]: q for q in client.get("/api/v1/queries").json()["queries"]}
    assert set(listed) >= STARTER_SET
    for query in listed.values():
        assert query["title"] and query["description"] and query["returns"]
        assert query["cypher"].startswith("// title:")
    topic = {p["name"]: p for p in listed["top_authors_by_trust_in_topic"]["parameters"]}
    assert topic["limit"] == {"name": "limit", "type": "int", "default": 25, "required": False,
                              "description": "How many authors"}
    one = client.get("/api/v1/queries/citations_within_group").json()
    assert one["parameters"][0]["required"] is True


def test_top_authors_by_trust_in_a_topic(small_graph: Driver, client: TestClient) -> None:
    body = _run(client, "top_authors_by_trust_in_topic", topic="machine")
    assert _column(body, "author_id") == ["a1", "a2", "a3"]
    assert _column(body, "works") == [1, 2, 1]
    assert body["parameters"] == {"topic": "machine", "limit": 25}
    assert _run(client, "top_authors_by_trust_in_topic", topic="openalex:C2",
                limit=1)["rows"][0][0] == "a3"


def test_collaborators_of_collaborators(small_graph: Driver, client: TestClient) -> None:
    body = _run(client, "collaborators_of_collaborators", author="a1")
    assert _column(body, "author_id") == ["a3"] and _column(body, "via") == [["a2"]]
    assert _run(client, "collaborators_of_collaborators", author="a2")["rows"] == []


def test_institutions_by_verified_authors(small_graph: Driver, client: TestClient) -> None:
    body = _run(client, "institutions_by_verified_authors")
    assert body["rows"] == [["I1", "Example University", "NL", 2, 3]]
    assert _run(client, "institutions_by_verified_authors", min_level=2)["rows"][0][3] == 1


def test_score_movers_of_the_last_run(small_graph: Driver, client: TestClient) -> None:
    body = _run(client, "score_movers_last_run")
    assert _column(body, "author_id") == ["a1", "a2"]
    assert _column(body, "change") == [20, 5] and _column(body, "run_id") == ["run2", "run2"]
    first = _run(client, "score_movers_last_run", run_id="run1")  # from no score to one
    assert [row[3:6] for row in first["rows"]] == [[None, 60, 60], [None, 50, 50]]


def test_dense_coauthor_clusters(small_graph: Driver, settings: Settings,
                                 client: TestClient) -> None:
    small_graph.execute_query(CLIQUE, database_=settings.neo4j_database)
    body = _run(client, "dense_coauthor_clusters")
    assert _column(body, "authors") == [["q1", "q2", "q3", "q4"]]
    assert body["rows"][0][1:6] == [4, 1.0, 6, 1, 0]


def test_citations_within_a_group(small_graph: Driver, client: TestClient) -> None:
    body = _run(client, "citations_within_group", authors=["a1", "a2", "a3"])
    pairs = list(zip(_column(body, "citing_work"), _column(body, "cited_work"), strict=True))
    assert pairs == [("w1", "w2"), ("w2", "w1"), ("w3", "w1")]
    assert _column(body, "mutual") == [True, True, False]
    assert _column(body, "self_citation") == [True, True, False]


def test_a_saved_query_as_csv(small_graph: Driver, client: TestClient) -> None:
    response = client.post("/api/v1/queries/institutions_by_verified_authors",
                           headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert list(csv.reader(io.StringIO(response.text)))[1] == [
        "I1", "Example University", "NL", "2", "3"]


def test_parameters_are_checked_against_their_declared_types(driver: Driver,
                                                             client: TestClient) -> None:
    def problem(name: str, parameters: dict[str, Any]) -> tuple[int, str]:
        response = client.post(f"/api/v1/queries/{name}", json={"parameters": parameters})
        return response.status_code, response.json()["detail"]

    assert problem("top_authors_by_trust_in_topic", {"limit": "ten"}) == (
        422, "Parameter 'limit' must be int, got \"ten\".")
    assert problem("top_authors_by_trust_in_topic", {"limit": True})[0] == 422
    assert problem("citations_within_group", {"authors": ["a", 1]})[0] == 422
    status, detail = problem("citations_within_group", {})
    assert status == 422 and "needs parameter 'authors'" in detail
    status, detail = problem("score_movers_last_run", {"runid": "x"})
    assert status == 422 and "no parameter runid" in detail and "run_id" in detail
    status, detail = problem("no_such_query", {})
    assert status == 404 and "top_authors_by_trust_in_topic" in detail
