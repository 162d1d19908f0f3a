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


def test_pages_follow_one_another_and_the_total_counts_them_all(
        sample_client: TestClient) -> None:
    def page(offset: int) -> dict:
        return sample_client.get("/api/v1/search", params={
            "q": "learning", "types": "work", "limit": 3, "offset": offset}).json()

    first, second = page(0), page(3)
    assert first["total"] == second["total"] >= 6 and not first["total_is_lower_bound"]
    assert (first["offset"], second["offset"], first["limit"]) == (0, 3, 3)
    one = {i["id"] for i in first["items"]}
    two = {i["id"] for i in second["items"]}
    assert len(one) == len(two) == 3 and not one & two
    whole = sample_client.get("/api/v1/search", params={
        "q": "learning", "types": "work", "limit": 6}).json()
    assert [i["id"] for i in whole["items"]] == [*[i["id"] for i in first["items"]],
                                                 *[i["id"] for i in second["items"]]]
    assert page(first["total"])["items"] == []


def test_work_hits_name_their_authors_and_author_hits_their_trust(
        sample_client: TestClient) -> None:
    body = sample_client.get("/api/v1/search", params={"q": SEED_TITLE, "limit": 1}).json()
    hit = body["items"][0]
    assert hit["highlight_in"] == "label"
    names = [a["name"] for a in hit["properties"]["authors"]]
    assert "researcher0" in names and hit["properties"]["author_count"] == len(names)
    author = sample_client.get("/api/v1/search", params={"q": "researcher3",
                                                         "types": "author"}).json()
    assert {"works"} <= set(author["items"][0]["properties"])


def test_offset_past_the_counted_hits_is_a_422(sample_client: TestClient) -> None:
    response = sample_client.get("/api/v1/search", params={"q": "x", "offset": 10_001})
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "offset"


def test_pages_of_both_types_follow_the_merged_order(sample_client: TestClient) -> None:
    def ids(**params: int) -> list[tuple[str, str]]:
        body = sample_client.get("/api/v1/search", params={
            "q": "researcher3 OR researcher1 OR binding", **params}).json()
        return [(i["type"], i["id"]) for i in body["items"]]

    whole = ids(limit=8)
    assert {kind for kind, _ in whole} == {"author", "work"}
    assert ids(limit=3) + ids(limit=3, offset=3) + ids(limit=2, offset=6) == whole
