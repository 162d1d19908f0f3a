"""Possible duplicates of an author (issue 18, item 3), over the trio of one paper in three
sources (tests/fixtures/loaders/trio/) and one more S2 paper by another "C. Balázs" made
from the trio's S2 record (its keys, title, field and byline rewritten, said so here)."""

from __future__ import annotations

import copy
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

TRIO = Path(__file__).resolve().parents[2] / "fixtures" / "loaders" / "trio"
NAMESAKE = "s2:5000000099"  # the other C. Balázs: same name, nothing else in common


def _namesake(folder: Path) -> Path:
    """A paper by a namesake: the trio's S2 record with no shared id, co-author or topic."""
    paper = json.loads((TRIO / "s2ag" / "papers" / "part-000.jsonl").read_text().splitlines()[0])
    other = copy.deepcopy(paper)
    other.update(corpusid=5000000098, title="Soil moisture in alpine meadows",
                 externalids={"CorpusId": "5000000098"}, publicationvenueid=None,
                 authors=[{"authorId": NAMESAKE.removeprefix("s2:"), "name": "C. Balázs"}],
                 s2fieldsofstudy=[{"category": "Environmental Science", "source": "external"}])
    path = folder / "papers" / "part-000.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(other) + "\n")
    return folder


@pytest.fixture(scope="module")
def trio_client(api_client: TestClient, session_driver: Driver, settings: Settings,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The trio and the namesake's paper loaded into an empty graph; the API over it."""
    delete_everything(session_driver, settings.neo4j_database)
    apply_schema(session_driver, settings.neo4j_database)
    tmp, database = tmp_path_factory.mktemp("duplicates"), settings.neo4j_database
    options = LoadOptions(state_dir=tmp / "state", progress=False)
    for load, path in ((load_openalex, TRIO / "openalex.jsonl"),
                       (load_arxiv, TRIO / "arxiv.jsonl"), (load_s2ag, TRIO / "s2ag"),
                       (load_s2ag, _namesake(tmp / "namesake"))):
        load(session_driver, database, path, options)
    yield api_client
    delete_everything(session_driver, database)


def test_the_same_person_in_other_sources_is_proposed_with_evidence(
        trio_client: TestClient) -> None:
    response = trio_client.get("/api/v1/authors/A5000000001/possible-duplicates")
    assert response.status_code == 200, response.text
    found = response.json()
    assert found["name_key"] == "c balazs"
    by_id = {c["id"]: c for c in found["candidates"]}
    assert set(by_id) == {"arxiv-name:c balazs", "s2:5000000011"}
    evidence = by_id["s2:5000000011"]["evidence"]
    assert evidence["shared_works"] == ["W5000000001"]
    assert "p m nadolsky" in {c.lower().replace(".", "") for c in
                              by_id["arxiv-name:c balazs"]["evidence"]["shared_coauthors"]}


def test_a_namesake_with_nothing_else_in_common_stays_apart(trio_client: TestClient) -> None:
    response = trio_client.get(f"/api/v1/authors/{NAMESAKE}/possible-duplicates")
    assert response.status_code == 200, response.text
    assert response.json()["candidates"] == []
    # nothing was merged: the three sources' C. Balázs and the namesake are four nodes
    profile = trio_client.get(f"/api/v1/authors/{NAMESAKE}")
    assert profile.status_code == 200 and profile.json()["counts"]["works"] == 1


def test_an_unknown_author_is_404(trio_client: TestClient) -> None:
    response = trio_client.get("/api/v1/authors/s2:1/possible-duplicates")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
