"""/api/v1/authors/{id}/context and /shared-works: the explorer's first view and its expansion."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from test_api_graph import COLLABORATORS, _assert_drawable


def _get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_context_is_the_author_and_co_authors_with_works_counted(
        sample_client: TestClient) -> None:
    graph = _get(sample_client, "/api/v1/authors/researcher0/context")
    _assert_drawable(graph)
    assert graph["center"] == "researcher0" and graph["nodes"][0]["id"] == "researcher0"
    assert graph["nodes"][0]["properties"]["works_count"] == 65
    assert not any(node["type"] == "Work" for node in graph["nodes"])
    authors = {node["id"] for node in graph["nodes"] if node["type"] == "Author"}
    assert authors == {"researcher0"} | COLLABORATORS
    to_focus = [e for e in graph["edges"] if e["source"] == "researcher0"
                and e["type"] == "COLLABORATES_WITH"]
    assert {e["target"] for e in to_focus} == COLLABORATORS
    assert all(e["properties"]["shared_works"] >= 1 for e in to_focus)
    assert graph["totals"]["works"] == 65 and graph["totals"]["collaborators"] == 4
    assert graph["truncated"] is False


def test_topics_institutions_and_venues_come_with_their_counts(
        enriched_client: TestClient) -> None:
    graph = _get(enriched_client, "/api/v1/authors/researcher0/context")
    _assert_drawable(graph)
    kinds = {edge["type"] for edge in graph["edges"]}
    by_type = {t: [n for n in graph["nodes"] if n["type"] == t] for t in ("Topic", "Institution")}
    assert by_type["Topic"] and by_type["Institution"], graph
    assert {"WORKS_ON", "AFFILIATED_WITH"} <= kinds
    works_on = [e for e in graph["edges"] if e["type"] == "WORKS_ON"]
    assert all(e["properties"]["works"] >= 1 for e in works_on)
    counts = [e["properties"]["works"] for e in works_on]
    assert counts == sorted(counts, reverse=True)


def test_the_caps_hold_and_say_the_drawing_is_truncated(sample_client: TestClient) -> None:
    graph = _get(sample_client, "/api/v1/authors/researcher0/context", collaborators=2)
    assert sum(node["type"] == "Author" for node in graph["nodes"]) == 3
    assert graph["totals"]["collaborators"] == 4 and graph["truncated"] is True
    _assert_drawable(graph)


def test_shared_works_are_linked_to_both_authors(sample_client: TestClient) -> None:
    context = _get(sample_client, "/api/v1/authors/researcher0/context")
    edge = next(e for e in context["edges"] if e["target"] == "researcher1")
    graph = _get(sample_client, "/api/v1/authors/researcher0/shared-works",
                 **{"with": "researcher1"})
    _assert_drawable(graph)
    works = [node for node in graph["nodes"] if node["type"] == "Work"]
    assert len(works) == graph["total"] == edge["properties"]["shared_works"]
    assert len(graph["edges"]) == 2 * len(works)
    years = [w["properties"].get("year", -1) for w in works]
    assert years == sorted(years, reverse=True)


def test_shared_works_refuse_the_same_author_and_name_a_missing_one(
        sample_client: TestClient) -> None:
    same = sample_client.get("/api/v1/authors/researcher0/shared-works",
                             params={"with": "researcher0"})
    assert same.status_code == 422 and same.json()["errors"][0]["parameter"] == "with"
    missing = sample_client.get("/api/v1/authors/researcher0/shared-works",
                                params={"with": "nobody"})
    assert missing.status_code == 404 and "'nobody'" in missing.json()["detail"]
    absent = sample_client.get("/api/v1/authors/nobody/context")
    assert absent.status_code == 404
