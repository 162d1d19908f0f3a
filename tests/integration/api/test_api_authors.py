"""/api/v1/authors/…: researcher0's snapshot, works pages, collaborators, id resolution."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

SAMPLE_COLLABORATORS = [("researcher1", 7), ("researcher4", 4), ("researcher3", 3),
                        ("researcher2", 2)]


def _walk_works(client: TestClient, author: str, **params: Any) -> list[dict[str, Any]]:
    """Every work of an author, page by page, following next_cursor."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        query = {**params, **({"cursor": cursor} if cursor else {})}
        page = client.get(f"/api/v1/authors/{author}/works", params=query)
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def test_researcher0_snapshot_matches_the_seed_page(sample_client: TestClient) -> None:
    body = sample_client.get("/api/v1/authors/researcher0").json()
    assert body["id"] == "researcher0" and body["claimed"] is False
    assert body["counts"] == {"works": 65, "followers": 0, "topics": 0,
                              "close_collaborators": 4}
    assert body["trust"] is None and body["verification"] is None


def test_works_pagination_walks_all_65_exactly_once(sample_client: TestClient) -> None:
    items = _walk_works(sample_client, "researcher0", limit=7)
    ids = [item["id"] for item in items]
    assert len(ids) == 65 and len(set(ids)) == 65
    keys = [(-(item["year"] if item["year"] is not None else -1), item["id"]) for item in items]
    assert keys == sorted(keys)  # newest first, then id


def test_works_page_is_stable_when_works_are_added_meanwhile(
        sample_client: TestClient, session_driver: Any, settings: Any) -> None:
    first = sample_client.get("/api/v1/authors/researcher1/works", params={"limit": 4}).json()
    # A concurrent load adds a newer work before the next page is asked for.
    session_driver.execute_query(
        "MATCH (a:Author {id: 'researcher1'}) MERGE (w:Work {id: 'test:new'}) "
        "SET w.title = 'New', w.year = 2030 MERGE (a)-[:AUTHORED {position: 0}]->(w)",
        database_=settings.neo4j_database)
    try:
        rest = _walk_works(sample_client, "researcher1", limit=4,
                           cursor=first["next_cursor"])
    finally:
        session_driver.execute_query("MATCH (w:Work {id: 'test:new'}) DETACH DELETE w",
                                     database_=settings.neo4j_database)
    ids = [item["id"] for item in first["items"] + rest]
    assert len(ids) == len(set(ids)) == 10 and "test:new" not in ids


def test_works_filters_by_year_and_type(sample_client: TestClient) -> None:
    items = _walk_works(sample_client, "researcher0", year_from=2021, year_to=2022,
                        type="preprint", limit=50)
    assert items and all(2021 <= item["year"] <= 2022 for item in items)
    assert all(item["type"] == "preprint" for item in items)
    page = sample_client.get("/api/v1/authors/researcher0/works",
                             params={"year_from": 2021, "year_to": 2022}).json()
    assert page["total"] == len(items)


def test_work_items_carry_venue_and_byline(sample_client: TestClient) -> None:
    items = _walk_works(sample_client, "researcher0", limit=100)
    shared = [item for item in items if item["author_count"] == 3]
    assert len(shared) == 2  # the two works researcher0, 1 and 4 share
    assert all(item["authors"][0]["id"] == "researcher0" for item in shared)
    assert all(item["venue"] == {"id": "venue:arxiv", "name": "arXiv"} for item in items)


def test_collaborators_ranked_by_shared_works(sample_client: TestClient) -> None:
    body = sample_client.get("/api/v1/authors/researcher0/collaborators").json()
    assert [(c["id"], c["shared_works"]) for c in body["items"]] == SAMPLE_COLLABORATORS
    assert all(c["close"] for c in body["items"]) and body["close_total"] == 4
    r2 = sample_client.get("/api/v1/authors/researcher2/collaborators").json()
    assert [(c["id"], c["shared_works"], c["close"]) for c in r2["items"]] == [
        ("researcher0", 2, True)]


def test_collaborators_limit(sample_client: TestClient) -> None:
    body = sample_client.get("/api/v1/authors/researcher0/collaborators",
                             params={"limit": 2}).json()
    assert [c["id"] for c in body["items"]] == ["researcher1", "researcher4"]
    assert body["total"] == 4


def test_author_found_by_openalex_orcid_and_alias(enriched_client: TestClient) -> None:
    for given in ["A5000000001", "https://openalex.org/A5000000001",
                  "https://openalex.org/authors/A5000000001", "0000-0002-1825-0097",
                  "https://orcid.org/0000-0002-1825-0097", "openalex:A4999999999",
                  "https://openalex.org/A4999999999"]:
        response = enriched_client.get(f"/api/v1/authors/{given}")
        assert response.status_code == 200, given
        assert response.json()["id"] == "researcher0"
    works = enriched_client.get("/api/v1/authors/https://openalex.org/A4999999999/works")
    assert works.json()["author_id"] == "researcher0" and works.json()["total"] == 65


def test_profile_with_topics_institutions_and_followers(enriched_client: TestClient) -> None:
    body = enriched_client.get("/api/v1/authors/researcher0").json()
    # Three topics touch researcher0's works, but one only with a score below 0.3.
    assert body["counts"]["topics"] == 2
    assert [(t["id"], t["works"]) for t in body["top_topics"]] == [
        ("openalex:C41008148", 10), ("arxiv:cs.LG", 4)]
    assert body["institutions"] == [{"id": "I4210164937", "name": "Example Research Lab",
                                     "country": "CN", "start_year": 2015, "end_year": None}]
    assert body["orcid"] == "0000-0002-1825-0097"


def test_scored_author_has_trust_and_verification(enriched_client: TestClient) -> None:
    body = enriched_client.get("/api/v1/authors/researcher1").json()
    assert body["counts"]["followers"] == 2
    assert body["trust"] == {
        "score": 42, "band": "Established", "version": "test-1",
        "scored_at": "2025-01-02T03:04:05Z",
        "breakdown": {"publication_record": {"raw": 10, "normalised": 0.5, "weight": 0.3,
                                             "contribution": 15.0}}}
    assert body["verification"] == {
        "level": "L1", "label": "Record-matched",
        "reasons": ["a stable id from an authoritative source", "at least one work"]}
