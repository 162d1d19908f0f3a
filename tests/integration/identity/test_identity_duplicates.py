"""Decisions on possible duplicates (issue 18, item 3), by an admin or a record's verified
claimant: a merge moves the edges, keeps the old id findable, is audited and is undone
exactly; a rejection stops the proposal; nobody else may decide. Over the sample plus the
trio of one paper in three sources (tests/fixtures/loaders/trio/)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from identity_helpers import User
from neo4j import Driver

import cypher
from core.settings import Settings
from loaders.arxiv import load_arxiv
from loaders.openalex import load_openalex
from loaders.pipeline import LoadOptions
from loaders.s2ag import load_s2ag

TRIO = Path(__file__).resolve().parents[2] / "fixtures" / "loaders" / "trio"
AUTHOR, S2_TWIN, ARXIV_TWIN = "A5000000001", "s2:5000000011", "arxiv-name:c balazs"


@pytest.fixture
def trio(graph: Driver, settings: Settings, tmp_path: Path) -> Driver:
    """The identity tests' graph with the trio loaded on top."""
    options = LoadOptions(state_dir=tmp_path / "state", progress=False)
    load_openalex(graph, settings.neo4j_database, TRIO / "openalex.jsonl", options)
    load_arxiv(graph, settings.neo4j_database, TRIO / "arxiv.jsonl", options)
    load_s2ag(graph, settings.neo4j_database, TRIO / "s2ag", options)
    return graph


def _authors(driver: Driver) -> list[Any]:
    """The two authors' nodes and edges, timestamps left out, and the edges scoring derives
    (a merge or its undo marks both authors changed: the next rescoring makes them again)."""
    records, _, _ = driver.execute_query(
        "MATCH (a:Author) WHERE a.id IN $ids "
        "RETURN a.id AS id, [k IN keys(a) WHERE k <> 'changed_at' | [k, a[k]]] AS props, "
        "COLLECT { MATCH (a)-[r]-(o) WHERE NOT type(r) IN ['COLLABORATES_WITH', 'SCORED'] "
        "RETURN [type(r), o.id, properties(r)] } AS edges "
        "ORDER BY id", ids=[AUTHOR, S2_TWIN])
    return [(r["id"], sorted(map(repr, r["props"])), sorted(map(repr, r["edges"])))
            for r in records]


def _candidates(client: TestClient) -> set[str]:
    response = client.get(f"/api/v1/authors/{AUTHOR}/possible-duplicates")
    assert response.status_code == 200, response.text
    return {c["id"] for c in response.json()["candidates"]}


def test_an_admin_merges_a_duplicate_and_undoes_it(client: TestClient, admin: User,
                                                   trio: Driver) -> None:
    before = _authors(trio)
    merged = client.post(f"/api/v1/authors/{AUTHOR}/possible-duplicates/{S2_TWIN}/merge",
                         headers=admin.headers)
    assert merged.status_code == 200, merged.text
    assert merged.json() == {"id": AUTHOR, "other": S2_TWIN, "decision": "merged"}
    assert client.get(f"/api/v1/authors/{S2_TWIN}").json()["id"] == AUTHOR
    assert S2_TWIN not in _candidates(client)
    events = client.get("/api/v1/admin/audit", params={"action": "author.merge"},
                        headers=admin.headers).json()["events"]
    assert [(e["target"], e["detail"]) for e in events] == [
        (AUTHOR, {"duplicate": S2_TWIN, "role": "admin"})]
    undone = client.post(f"/api/v1/authors/merges/{S2_TWIN}/undo", headers=admin.headers)
    assert undone.status_code == 200, undone.text
    assert _authors(trio) == before
    assert client.get(f"/api/v1/authors/{S2_TWIN}").json()["id"] == S2_TWIN
    again = client.post(f"/api/v1/authors/merges/{S2_TWIN}/undo", headers=admin.headers)
    assert again.status_code == 404


def test_a_rejected_duplicate_is_not_proposed_again(client: TestClient, admin: User,
                                                    trio: Driver) -> None:
    assert ARXIV_TWIN in _candidates(client)
    rejected = client.post(f"/api/v1/authors/{AUTHOR}/possible-duplicates/{ARXIV_TWIN}/reject",
                           headers=admin.headers)
    assert rejected.status_code == 200, rejected.text
    assert _candidates(client) == {S2_TWIN}


def test_nobody_else_decides(client: TestClient, make_user: Callable[[str], User],
                             trio: Driver) -> None:
    path = f"/api/v1/authors/{AUTHOR}/possible-duplicates/{S2_TWIN}"
    assert client.post(f"{path}/merge").status_code == 401
    ada = make_user("ada")
    for decision in ("merge", "reject"):
        refused = client.post(f"{path}/{decision}", headers=ada.headers)
        assert refused.status_code == 403, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert "claim" in refused.json()["detail"]  # what to do next: claim your record
    assert _candidates(client) == {S2_TWIN, ARXIV_TWIN}


def _hold(client: TestClient, admin: User, user: User, author: str) -> None:
    """Give the user a verified claim on the author: a review an admin approves."""
    asked = client.post(f"/api/v1/authors/{author}/claims", headers=user.headers,
                        json={"method": "review", "evidence": {"note": "These are mine."}})
    assert asked.status_code == 201, asked.text
    approved = client.post(f"/api/v1/claims/{asked.json()['claim']['id']}/review",
                           headers=admin.headers, json={"decision": "approve"})
    assert approved.status_code == 200, approved.text
    assert client.app.state.rescorer.wait_idle(300)  # type: ignore[attr-defined]


def test_the_verified_claimant_merges_into_their_record_and_undoes_it(
        client: TestClient, admin: User, make_user: Callable[[str], User],
        trio: Driver) -> None:
    ada, grace = make_user("ada"), make_user("grace")
    _hold(client, admin, ada, AUTHOR)
    before = _authors(trio)
    merged = client.post(f"/api/v1/authors/{AUTHOR}/possible-duplicates/{S2_TWIN}/merge",
                         headers=ada.headers)
    assert merged.status_code == 200, merged.text
    events = client.get("/api/v1/admin/audit", params={"action": "author.merge"},
                        headers=admin.headers).json()["events"]
    assert [(e["user_id"], e["target"], e["detail"]) for e in events] == [
        (ada.id, AUTHOR, {"duplicate": S2_TWIN, "role": "claimant"})]
    refused = client.post(f"/api/v1/authors/merges/{S2_TWIN}/undo", headers=grace.headers)
    assert refused.status_code == 403 and "admin" in refused.json()["detail"]
    undone = client.post(f"/api/v1/authors/merges/{S2_TWIN}/undo", headers=ada.headers)
    assert undone.status_code == 200, undone.text
    assert _authors(trio) == before
    rejected = client.post(f"/api/v1/authors/{ARXIV_TWIN}/possible-duplicates/{AUTHOR}/reject",
                           headers=ada.headers)  # a pair with her record, either way round
    assert rejected.status_code == 200, rejected.text
    assert _candidates(client) == {S2_TWIN}


def test_a_claimant_decides_only_for_the_records_they_hold(
        client: TestClient, admin: User, make_user: Callable[[str], User],
        trio: Driver) -> None:
    ada, grace = make_user("ada"), make_user("grace")
    _hold(client, admin, ada, AUTHOR)
    away = client.post(f"/api/v1/authors/{S2_TWIN}/possible-duplicates/{AUTHOR}/merge",
                       headers=ada.headers)  # her record merged into one she does not hold
    assert away.status_code == 403, away.text
    assert (f"/api/v1/authors/{AUTHOR}/possible-duplicates/{S2_TWIN}/merge"
            in away.json()["detail"])
    pair = f"/api/v1/authors/{S2_TWIN}/possible-duplicates/{ARXIV_TWIN}"
    for decision in ("merge", "reject"):
        assert client.post(f"{pair}/{decision}", headers=ada.headers).status_code == 403
    by_admin = client.post(f"/api/v1/authors/{AUTHOR}/possible-duplicates/{ARXIV_TWIN}/merge",
                           headers=admin.headers)
    assert by_admin.status_code == 200, by_admin.text
    theirs = client.post(f"/api/v1/authors/merges/{ARXIV_TWIN}/undo", headers=ada.headers)
    assert theirs.status_code == 403 and "admin" in theirs.json()["detail"]
    _hold(client, admin, grace, S2_TWIN)
    for who in (ada, admin):  # grace's record is never moved away from under her
        held = client.post(f"/api/v1/authors/{AUTHOR}/possible-duplicates/{S2_TWIN}/merge",
                           headers=who.headers)
        assert held.status_code == 409, held.text
        assert held.headers["content-type"].startswith("application/problem+json")
    assert "claim" in held.json()["detail"]
    assert client.get(f"/api/v1/authors/{S2_TWIN}").json()["id"] == S2_TWIN


def _aliases_of(driver: Driver, target: str) -> list[tuple[str, str]]:
    """The aliases pointing at an author: (alias id, its target_id)."""
    records, _, _ = driver.execute_query(
        "MATCH (al:Alias)-[:ALIAS_OF]->(:Author {id: $id}) RETURN al.id AS id, "
        "al.target_id AS target ORDER BY id", id=target)
    return [(r["id"], r["target"]) for r in records]


def test_an_undo_gives_the_duplicate_back_its_older_aliases(client: TestClient, admin: User,
                                                            trio: Driver) -> None:
    # S2_TWIN is known by an OpenAlex merged id (the statement `load openalex` applies
    # merged_ids with) and, after an earlier merge, by the arXiv twin's id
    trio.execute_query(cypher.query("load/apply_author_merges"),
                       rows=[{"old_id": "A5999999999", "new_id": S2_TWIN}])
    earlier = f"/api/v1/authors/{S2_TWIN}/possible-duplicates/{ARXIV_TWIN}/merge"
    assert client.post(earlier, headers=admin.headers).status_code == 200
    before, aliases = _authors(trio), _aliases_of(trio, S2_TWIN)
    assert aliases == [("author:" + ARXIV_TWIN, S2_TWIN), ("openalex:A5999999999", S2_TWIN)]
    merged = client.post(f"/api/v1/authors/{AUTHOR}/possible-duplicates/{S2_TWIN}/merge",
                         headers=admin.headers)
    assert merged.status_code == 200, merged.text
    assert client.get(f"/api/v1/authors/{ARXIV_TWIN}").json()["id"] == AUTHOR
    inner = client.post(f"/api/v1/authors/merges/{ARXIV_TWIN}/undo", headers=admin.headers)
    assert inner.status_code == 409, inner.text  # the later merge is undone first
    assert f"/api/v1/authors/merges/{S2_TWIN}/undo" in inner.json()["detail"]
    undone = client.post(f"/api/v1/authors/merges/{S2_TWIN}/undo", headers=admin.headers)
    assert undone.status_code == 200, undone.text
    assert _authors(trio) == before and _aliases_of(trio, S2_TWIN) == aliases
    for old in (ARXIV_TWIN, "A5999999999"):
        assert client.get(f"/api/v1/authors/{old}").json()["id"] == S2_TWIN
    first = client.post(f"/api/v1/authors/merges/{ARXIV_TWIN}/undo", headers=admin.headers)
    assert first.status_code == 200, first.text
    assert client.get(f"/api/v1/authors/{ARXIV_TWIN}").json()["id"] == ARXIV_TWIN
