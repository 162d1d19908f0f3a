"""A work or an author looked up by any of its ids: our own, a DOI, and the ids Semantic
Scholar, MAG and PubMed give (issue 18), over the S2AG fixture excerpts loaded for real."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from core.db import apply_schema, delete_everything
from core.settings import Settings
from loaders.arxiv import load_arxiv
from loaders.openalex import load_openalex
from loaders.pipeline import LoadOptions
from loaders.s2ag import load_s2ag

S2AG = Path(__file__).resolve().parents[2] / "fixtures" / "loaders" / "s2ag"


@pytest.fixture(scope="module")
def s2_client(api_client: TestClient, session_driver: Driver, settings: Settings,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The S2AG excerpts loaded into an empty graph; the API over it."""
    delete_everything(session_driver, settings.neo4j_database)
    apply_schema(session_driver, settings.neo4j_database)
    state = tmp_path_factory.mktemp("s2ag-state")
    load_s2ag(session_driver, settings.neo4j_database, S2AG,
              LoadOptions(state_dir=state, progress=False))
    yield api_client
    delete_everything(session_driver, settings.neo4j_database)


def _first_paper() -> dict[str, object]:
    with (S2AG / "papers" / "part-000.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            paper = json.loads(line)
            ids = paper.get("externalids") or {}
            if ids.get("MAG") and paper.get("authors"):
                return paper
    raise AssertionError("the excerpt has a paper with a MAG id and authors")


def test_a_paper_by_its_s2_mag_and_doi_ids(s2_client: TestClient) -> None:
    paper = _first_paper()
    ids = paper["externalids"]
    assert isinstance(ids, dict)
    ours = f"s2:{paper['corpusid']}"
    for given in (ours, f"mag:{ids['MAG']}", *([f"doi:{ids['DOI']}"] if ids.get("DOI") else [])):
        response = s2_client.get(f"/api/v1/works/{given}")
        assert response.status_code == 200, (given, response.text)
        assert response.json()["id"] == ours


def test_an_author_by_its_s2_id_and_an_unknown_pmid(s2_client: TestClient) -> None:
    author = _first_paper()["authors"][0]  # type: ignore[index]
    response = s2_client.get(f"/api/v1/authors/s2:{author['authorId']}")
    assert response.status_code == 200, response.text
    missing = s2_client.get("/api/v1/works/pmid:999999999")
    assert missing.status_code == 404
    assert "PubMed" in missing.json()["detail"]


def test_one_paper_from_three_sources_by_each_source_s_id(
        s2_client: TestClient, session_driver: Driver, settings: Settings,
        tmp_path: Path) -> None:
    """The trio (tests/fixtures/loaders/trio/: one paper's OpenAlex, arXiv and S2AG records)
    is one work, found by every source's id; it lists its sources and their ids."""
    trio = S2AG.parent / "trio"
    options = LoadOptions(state_dir=tmp_path, progress=False)
    load_arxiv(session_driver, settings.neo4j_database, trio / "arxiv.jsonl", options)
    load_s2ag(session_driver, settings.neo4j_database, trio / "s2ag", options)
    load_openalex(session_driver, settings.neo4j_database, trio / "openalex.jsonl", options)
    for given in ("W5000000001", "arxiv:0704.0001", "s2:5000000001", "mag:5000000001",
                  "doi:10.1103/PhysRevD.76.013009", "https://arxiv.org/abs/0704.0001v2"):
        response = s2_client.get(f"/api/v1/works/{given}")
        assert response.status_code == 200, (given, response.text)
        work = response.json()
        assert work["id"] == "W5000000001", given
    assert (work["sources"], work["arxiv_id"], work["s2_corpus_id"]) == (
        ["openalex", "s2ag", "arxiv"], "0704.0001", 5000000001)
    # 11 bylines: OpenAlex's and S2's E. L. Berger are one author (one ORCID)
    assert work["counts"]["authors"] == 11 and work["counts"]["cited_by"] == 1
