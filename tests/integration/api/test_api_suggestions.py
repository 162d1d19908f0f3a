"""/api/v1/authors/{id}/suggestions: researchers who are not yet co-authors, by topic fit
and closeness in the collaboration graph, each with its reasons."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from core.settings import Settings
from service.app import create_app

# focus: works on t1 with b; b also works with c (t1, three works), f (one work on t1 and
# two on t3) and d (t2 only); g shares one work with focus (too little for a stored
# collaboration) and several with b. As scoring would leave it: COLLABORATES_WITH from the
# smaller id to the larger, with a weight.
GRAPH = """
UNWIND $authors AS a CREATE (:Author {id: a, name: 'Dr ' + a, claimed: a = 'c'})
WITH count(*) AS done
UNWIND $topics AS t CREATE (:Topic {id: t, name: 'Topic ' + t})
WITH count(*) AS done
UNWIND $works AS w
CREATE (work:Work {id: w.id, title: w.id})
WITH work, w
MATCH (t:Topic {id: w.topic}) CREATE (work)-[:ABOUT {score: 0.9}]->(t)
WITH work, w
UNWIND w.authors AS a
MATCH (author:Author {id: a}) CREATE (author)-[:AUTHORED {position: 0}]->(work)
WITH count(*) AS done
UNWIND $pairs AS p
MATCH (x:Author {id: p[0]}), (y:Author {id: p[1]})
CREATE (x)-[:COLLABORATES_WITH {shared_works: 2, weight: p[2]}]->(y)
"""
WORKS = ([{"id": f"ab{i}", "topic": "t1", "authors": ["a", "b"]} for i in range(3)]
         + [{"id": f"bc{i}", "topic": "t1", "authors": ["b", "c"]} for i in range(3)]
         + [{"id": "bf0", "topic": "t1", "authors": ["b", "f"]}]
         + [{"id": f"bf{i}", "topic": "t3", "authors": ["b", "f"]} for i in (1, 2)]
         + [{"id": f"bd{i}", "topic": "t2", "authors": ["b", "d"]} for i in range(3)]
         + [{"id": "ag0", "topic": "t1", "authors": ["a", "g"]}]
         + [{"id": f"bg{i}", "topic": "t1", "authors": ["b", "g"]} for i in range(3)])
PAIRS = [["a", "b"], ["b", "c"], ["b", "d"], ["b", "f"], ["b", "g"]]


@pytest.fixture
def client(driver: Driver, settings: Settings) -> Iterator[TestClient]:
    """The API over the small collaboration graph above."""
    driver.execute_query(GRAPH, authors=["a", "b", "c", "d", "f", "g"],
                         topics=["t1", "t2", "t3"], works=WORKS,
                         pairs=[[x, y, 1.5] for x, y in PAIRS],
                         database_=settings.neo4j_database)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _suggestions(client: TestClient, author: str, **params: Any) -> dict[str, Any]:
    response = client.get(f"/api/v1/authors/{author}/suggestions", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_suggestions_leave_out_co_authors_and_prefer_shared_topics(client: TestClient) -> None:
    page = _suggestions(client, "a")
    ids = [s["id"] for s in page["items"]]
    assert ids == ["c", "f"], page  # not b or g (co-authors), not d (no topic in common)
    c, f = page["items"]
    assert c["topic_similarity"] > f["topic_similarity"] and c["score"] > f["score"]
    assert c["path_length"] == 2 and c["shared_topics"] == ["Topic t1"]
    assert c["common_collaborators"] == [{"id": "b", "name": "Dr b"}]
    assert c["claimed"] is True and f["claimed"] is False
    assert c["reasons"] == ["1 shared topic: Topic t1.", "1 collaborator in common: Dr b.",
                            "2 steps apart in the collaboration graph."]
    assert page["note"] is None


def test_the_same_graph_gives_the_same_suggestions(client: TestClient) -> None:
    assert _suggestions(client, "a") == _suggestions(client, "a")


def test_an_author_with_no_reachable_fit_is_told_why(client: TestClient) -> None:
    page = _suggestions(client, "b")  # everyone around b already shares a work with b
    assert page["items"] == [] and "already shares a work" in page["note"]


def test_an_unknown_author_or_a_bad_limit_is_a_problem(client: TestClient) -> None:
    missing = client.get("/api/v1/authors/nobody/suggestions")
    assert missing.status_code == 404 and "nobody" in missing.json()["detail"]
    too_many = client.get("/api/v1/authors/a/suggestions", params={"limit": 500})
    assert too_many.status_code == 422


RUN = """CREATE (:ScoringRun {id: $id, mode: 'full', version: 'trust-v2', status: 'completed',
                        started: datetime(), authors_scored: 6})"""


def test_suggestions_are_computed_once_per_scoring_run(client: TestClient, driver: Driver,
                                                       settings: Settings) -> None:
    db = settings.neo4j_database
    driver.execute_query(RUN, id="run-1", database_=db)
    first = _suggestions(client, "a")
    assert [s["id"] for s in first["items"]] == ["c", "f"]
    # one page per author and run, whatever size is asked for: a shorter page is its prefix
    assert _suggestions(client, "a", limit=1)["items"] == first["items"][:1]
    # COLLABORATES_WITH changes only in a scoring run: until the next one, the page is kept
    driver.execute_query("MATCH (:Author {id: 'b'})-[r:COLLABORATES_WITH]-(:Author {id: 'c'}) "
                         "DELETE r", database_=db)
    assert _suggestions(client, "a") == first
    driver.execute_query(RUN, id="run-2", database_=db)
    assert [s["id"] for s in _suggestions(client, "a")["items"]] == ["f"]


def test_a_kept_page_is_keyed_by_our_id_not_the_id_asked_with(client: TestClient,
                                                              driver: Driver,
                                                              settings: Settings) -> None:
    db = settings.neo4j_database
    driver.execute_query(RUN, id="run-alias", database_=db)
    driver.execute_query("MATCH (a:Author {id: 'a'}) CREATE (:Alias {id: 'author:old-a'})"
                         "-[:ALIAS_OF]->(a)",
                         database_=db)
    by_alias = _suggestions(client, "old-a")
    assert by_alias["author_id"] == "a" and by_alias == _suggestions(client, "a")
    # an unknown id is still a 404, kept page or not
    assert client.get("/api/v1/authors/nobody/suggestions").status_code == 404
