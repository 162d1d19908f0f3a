"""/api/v1/nodes/{id}/neighbourhood and /api/v1/paths over the sample (and a made-up hub)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from neo4j import Driver

from core.settings import Settings
from service.app import create_app

COLLABORATORS = {"researcher1", "researcher2", "researcher3", "researcher4"}


def _neighbourhood(client: TestClient, node: str, **params: Any) -> dict[str, Any]:
    response = client.get(f"/api/v1/nodes/{node}/neighbourhood", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _path(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/v1/paths", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _assert_drawable(graph: dict[str, Any]) -> None:
    """Every edge joins two returned nodes; ids are unique (what Cytoscape.js needs)."""
    ids = [node["id"] for node in graph["nodes"]]
    assert len(ids) == len(set(ids))
    assert len({edge["id"] for edge in graph["edges"]}) == len(graph["edges"])
    assert all(edge["source"] in ids and edge["target"] in ids for edge in graph["edges"])


def test_depth_two_contains_the_four_collaborators(sample_client: TestClient) -> None:
    graph = _neighbourhood(sample_client, "researcher0", depth=2)
    authors = {n["id"] for n in graph["nodes"] if n["type"] == "Author"}
    assert authors == {"researcher0"} | COLLABORATORS
    assert graph["nodes"][0]["id"] == "researcher0" and graph["nodes"][0]["hop"] == 0
    assert sum(n["type"] == "Work" for n in graph["nodes"]) == 65
    assert graph["truncated"] is False
    _assert_drawable(graph)


def test_depth_one_is_the_works_and_the_shape_is_cytoscape_ready(
        sample_client: TestClient) -> None:
    graph = _neighbourhood(sample_client, "researcher0")
    assert len(graph["nodes"]) == 66 and len(graph["edges"]) == 65
    work = graph["nodes"][1]
    assert set(work) == {"id", "type", "label", "hop", "properties"}
    assert work["type"] == "Work" and work["label"] == work["properties"]["title"]
    edge = graph["edges"][0]
    assert set(edge) == {"id", "source", "target", "type", "properties"}
    assert edge["source"] == "researcher0" and edge["type"] == "AUTHORED"
    _assert_drawable(graph)


def test_limit_caps_nodes_keeps_the_most_relevant_and_says_so(
        sample_client: TestClient) -> None:
    graph = _neighbourhood(sample_client, "researcher0", depth=2, limit=20)
    assert len(graph["nodes"]) <= 20 and graph["truncated"] is True
    hop2 = [n["id"] for n in graph["nodes"] if n["hop"] == 2]
    # At depth 2, researcher1 (7 shared works) is linked to most kept works.
    assert hop2 and (hop2[0] in {"venue:arxiv", "researcher1"})
    newest = _neighbourhood(sample_client, "researcher0", limit=5)["nodes"][1:]
    assert [n["properties"]["year"] for n in newest] == sorted(
        (n["properties"]["year"] for n in newest), reverse=True)
    assert newest[0]["properties"]["year"] == 2024


def test_types_filter_what_is_visited(sample_client: TestClient) -> None:
    graph = _neighbourhood(sample_client, "researcher0", depth=2, types="Author,Work")
    assert {n["type"] for n in graph["nodes"]} == {"Author", "Work"}
    only_authors = _neighbourhood(sample_client, "researcher0", depth=2, types="author")
    assert [n["id"] for n in only_authors["nodes"]] == ["researcher0"]


def test_a_hub_is_truncated_to_limit(session_driver: Driver, settings: Settings,
                                     sample_client: TestClient) -> None:
    session_driver.execute_query(
        "MERGE (v:Venue {id: 'venue:hub'}) SET v.name = 'Hub' WITH v "
        "UNWIND range(1, 3000) AS i MERGE (w:Work {id: 'hub:' + i}) "
        "SET w.title = 'Hub work ' + i, w.year = 1990 + i % 30 MERGE (w)-[:PUBLISHED_IN]->(v)",
        database_=settings.neo4j_database)
    small_scan = settings.model_copy(update={"explore_scan_cap": 500})
    try:
        graph = _neighbourhood(sample_client, "venue:hub", limit=50)
        assert len(graph["nodes"]) == 50 and graph["truncated"] is True
        assert all(n["properties"]["year"] == 2019 for n in graph["nodes"][1:])
        with TestClient(create_app(small_scan)) as capped:
            graph = _neighbourhood(capped, "venue:hub", depth=2, limit=2000)
        assert len(graph["nodes"]) == 501 and graph["truncated"] is True
    finally:
        session_driver.execute_query("MATCH (n) WHERE n.id STARTS WITH 'hub:' "
                                     "OR n.id = 'venue:hub' DETACH DELETE n",
                                     database_=settings.neo4j_database)


def test_neighbourhood_of_a_work_lists_its_byline_first(sample_client: TestClient) -> None:
    works = sample_client.get("/api/v1/authors/researcher1/works",
                              params={"limit": 100}).json()["items"]
    shared = next(w for w in works if w["author_count"] == 3)
    graph = _neighbourhood(sample_client, shared["id"], types="Author")
    assert [n["id"] for n in graph["nodes"][1:]] == ["researcher0", "researcher1",
                                                     "researcher4"]


def test_enriched_neighbourhood_shows_every_kind(enriched_client: TestClient) -> None:
    graph = _neighbourhood(enriched_client, "researcher0", limit=10)
    kinds = {n["type"] for n in graph["nodes"][1:]}
    # Groups are interleaved, so a few works do not crowd out the collaborator or the lab.
    assert kinds == {"Work", "Author", "Institution"}
    assert {"researcher1", "I4210164937"} <= {n["id"] for n in graph["nodes"]}
    topic = _neighbourhood(enriched_client, "openalex:C41008148", depth=2, limit=30)
    assert "researcher0" in {n["id"] for n in topic["nodes"]}
    _assert_drawable(topic)


def test_path_researcher2_to_researcher3_goes_through_researcher0(
        sample_client: TestClient) -> None:
    body = _path(sample_client, **{"from": "researcher2", "to": "researcher3"})
    assert body["hops"] == 2 and body["from"] == "researcher2" and body["to"] == "researcher3"
    assert len(body["paths"]) == 6  # 2 shared works with researcher0 times 3
    assert all(p[0] == "researcher2" and p[2] == "researcher0" and p[4] == "researcher3"
               for p in body["paths"])
    _assert_drawable(body)


def test_path_researcher1_to_researcher4_is_direct(sample_client: TestClient) -> None:
    body = _path(sample_client, **{"from": "researcher1", "to": "researcher4"})
    assert body["hops"] == 1 and len(body["paths"]) == 2  # their 2 shared works
    assert {n["id"] for n in body["nodes"] if n["type"] == "Author"} == {"researcher1",
                                                                        "researcher4"}
    assert len(body["edges"]) == 4


def test_no_path_within_max_hops_is_404(enriched_client: TestClient) -> None:
    short = enriched_client.get("/api/v1/paths", params={
        "from": "researcher2", "to": "researcher3", "max_hops": 1})
    assert short.status_code == 404
    assert "within 1 hop" in short.json()["detail"]
    lonely = enriched_client.get("/api/v1/paths", params={"from": "loner", "to": "researcher0"})
    assert lonely.status_code == 404
    assert "No collaboration path between 'loner' and 'researcher0'" in lonely.json()["detail"]
    by_orcid = enriched_client.get("/api/v1/paths", params={
        "from": "https://orcid.org/0000-0002-1825-0097", "to": "researcher2"})
    assert by_orcid.json()["hops"] == 1
