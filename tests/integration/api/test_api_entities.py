"""/api/v1/works/{id}, /topics/{id}, /institutions/{id} over the enriched sample."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _newest_work(client: TestClient) -> dict:
    page = client.get("/api/v1/authors/researcher0/works", params={"limit": 1})
    return page.json()["items"][0]


def test_work_with_authors_topics_and_citations(enriched_client: TestClient) -> None:
    newest = _newest_work(enriched_client)
    body = enriched_client.get(f"/api/v1/works/{newest['id']}").json()
    assert body["title"] == "FABind: Fast and Accurate Protein-Ligand Binding"
    assert body["abstract"].startswith("Modeling the interaction")
    assert body["venue"] == {"id": "venue:arxiv", "name": "arXiv"}
    assert body["authors"] == [{"id": "researcher0", "name": "researcher0", "position": 0}]
    assert body["counts"] == {"authors": 1, "topics": len(body["topics"]), "references": 2,
                              "cited_by": 0}
    assert len(body["references"]) == 2 and body["cited_by"] == []
    cited = enriched_client.get(f"/api/v1/works/{body['references'][0]['id']}").json()
    assert cited["cited_by"] == [{"id": newest["id"], "title": newest["title"], "year": 2024}]


def test_work_byline_order(enriched_client: TestClient) -> None:
    works = enriched_client.get("/api/v1/authors/researcher4/works",
                                params={"limit": 100}).json()["items"]
    shared = next(w for w in works if w["author_count"] == 3)
    body = enriched_client.get(f"/api/v1/works/{shared['id']}").json()
    assert [(a["id"], a["position"]) for a in body["authors"]] == [
        ("researcher0", 0), ("researcher1", 1), ("researcher4", 2)]


def test_topic_with_counts_works_and_authors(enriched_client: TestClient) -> None:
    body = enriched_client.get("/api/v1/topics/arxiv:cs.LG").json()
    assert body["name"] == "Machine Learning" and body["counts"] == {"works": 4}
    assert len(body["works"]) == 4 and all(w["score"] == 0.6 for w in body["works"])
    assert body["authors"][0] == {"id": "researcher0", "name": "researcher0", "works": 4}
    by_url = enriched_client.get("/api/v1/topics/https://openalex.org/C41008148")
    assert by_url.status_code == 200 and by_url.json()["counts"] == {"works": 10}


def test_institution_by_id_and_by_ror(enriched_client: TestClient) -> None:
    body = enriched_client.get("/api/v1/institutions/I4210164937").json()
    assert body["name"] == "Example Research Lab" and body["counts"] == {"authors": 2}
    assert [(a["id"], a["works"]) for a in body["authors"]] == [("researcher0", 65),
                                                                ("researcher1", 10)]
    by_ror = enriched_client.get("/api/v1/institutions/https://ror.org/05h8cbd41")
    assert by_ror.json()["id"] == "I4210164937"


def test_an_author_id_is_not_a_work(enriched_client: TestClient) -> None:
    response = enriched_client.get("/api/v1/works/researcher0")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("No work has the id 'researcher0'")
