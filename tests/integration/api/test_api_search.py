"""/api/v1/search over the Neo4j full-text indexes."""

from __future__ import annotations

from fastapi.testclient import TestClient

SEED_TITLE = "Invertible Image Rescaling"


def test_a_seed_title_finds_its_work_first(sample_client: TestClient) -> None:
    body = sample_client.get("/api/v1/search", params={"q": SEED_TITLE}).json()
    first = body["items"][0]
    assert first["type"] == "work" and first["label"] == SEED_TITLE
    assert first["highlight"] == "<mark>Invertible</mark> <mark>Image</mark> <mark>Rescaling</mark>"
    assert first["score"] >= max(item["score"] for item in body["items"])
    work = sample_client.get(f"/api/v1/works/{first['id']}").json()
    assert {a["id"] for a in work["authors"]} == {"researcher0", "researcher1", "researcher4"}


def test_every_seed_title_finds_its_work_first(sample_client: TestClient) -> None:
    works = sample_client.get("/api/v1/authors/researcher0/works",
                              params={"limit": 100}).json()["items"]
    for work in works[:20]:
        quoted = '"' + work["title"].replace('"', "") + '"'
        body = sample_client.get("/api/v1/search", params={"q": quoted, "types": "work"})
        assert body.json()["items"][0]["id"] == work["id"], work["title"]


def test_author_search_and_types(sample_client: TestClient) -> None:
    body = sample_client.get("/api/v1/search", params={"q": "researcher3",
                                                       "types": "author"}).json()
    assert body["types"] == ["author"]
    assert [(i["type"], i["id"]) for i in body["items"]] == [("author", "researcher3")]
    assert body["items"][0]["properties"]["works"] == 10


def test_abstract_match_gets_a_passage(sample_client: TestClient) -> None:
    body = sample_client.get("/api/v1/search", params={"q": "ligand", "limit": 5}).json()
    assert body["items"] and all("<mark>" in (i["highlight"] or "") for i in body["items"])


def test_lucene_syntax_error_is_a_readable_422(sample_client: TestClient) -> None:
    for bad in ["title:(foo", "AND", "/[a/", "foo]"]:
        response = sample_client.get("/api/v1/search", params={"q": bad})
        assert response.status_code == 422, bad
        body = response.json()
        assert body["errors"][0]["parameter"] == "q"
        assert "not a valid Lucene query" in body["detail"]


def test_limit_bounds_the_hits(sample_client: TestClient) -> None:
    body = sample_client.get("/api/v1/search", params={"q": "learning", "limit": 3}).json()
    assert len(body["items"]) == 3
