"""The score means something: rings cannot lift themselves, verified co-authors only help,
the same graph scores the same, and the breakdown adds up."""

import json
import random

from neo4j import Driver
from scoring_graphs import Builder, author_props, ring_and_verified_graph

from core.settings import Settings
from scoring.run import RunOptions, rescore


def _scores(driver: Driver) -> dict[str, dict]:
    records, _, _ = driver.execute_query(
        "MATCH (a:Author) RETURN a.id AS id, a.trust_score AS score, "
        "a.trust_breakdown AS breakdown, a.verification_level AS level")
    return {r["id"]: {"score": r["score"], "breakdown": json.loads(r["breakdown"]),
                      "level": r["level"]} for r in records}


def test_a_closed_ring_scores_below_a_verified_author(driver: Driver, settings: Settings,
                                                      build: Builder) -> None:
    authors, works = ring_and_verified_graph(random.Random(3))
    build(authors, works)
    rescore(driver, settings.neo4j_database, RunOptions(full=True))
    scores = _scores(driver)
    ring = {k: v for k, v in scores.items() if k.startswith("ring")}
    assert all(v["breakdown"]["network"]["normalised"] == 0 for v in ring.values())
    assert max(v["score"] for v in ring.values()) < scores["target"]["score"]
    assert scores["target"]["breakdown"]["network"]["normalised"] > 0
    for value in scores.values():
        contributions = [s["contribution"] for s in value["breakdown"].values()]
        assert sum(contributions) == value["score"]


def test_a_new_verified_coauthor_never_lowers_the_network_signal(
        driver: Driver, settings: Settings, build: Builder) -> None:
    authors, works = ring_and_verified_graph(random.Random(5))
    authors["plain"] = "L1"
    works += [("pwork1", ["plain", "ver1"], 2020), ("pwork2", ["plain", "ring01"], 2021),
              ("pwork3", ["plain", "target"], 2022)]
    build(authors, works)
    rescore(driver, settings.neo4j_database, RunOptions(full=True))
    before = {k: v["breakdown"]["network"]["normalised"] for k, v in _scores(driver).items()}
    build({"newver": "L2"}, [("pwork4", ["plain", "newver"], 2023),
                             ("tnew", ["target", "newver"], 2023)])
    rescore(driver, settings.neo4j_database, RunOptions(full=False))
    after = {k: v["breakdown"]["network"]["normalised"] for k, v in _scores(driver).items()}
    assert after["plain"] > before["plain"]
    assert after["target"] >= before["target"]


def test_the_same_graph_scores_the_same_twice(driver: Driver, settings: Settings,
                                              build: Builder) -> None:
    authors, works = ring_and_verified_graph(random.Random(9))
    build(authors, works)
    rescore(driver, settings.neo4j_database, RunOptions(full=True))
    first, first_topics = _scores(driver), _topics(driver)
    second_run = rescore(driver, settings.neo4j_database, RunOptions(full=True))
    assert _scores(driver) == first and _topics(driver) == first_topics
    # Nothing differed, so nothing was staged or rewritten.
    assert second_run.stats["scores_changed"] == 0
    assert second_run.stats["pairs_created"] == second_run.stats["pairs_updated"] == 0
    assert author_props(driver, "target")["score_version"] == "trust-v2"


def _topics(driver: Driver) -> list[tuple]:
    records, _, _ = driver.execute_query(
        "MATCH (w:Work)-[r:ABOUT {source: 'peergraph'}]->(t:Topic) "
        "RETURN w.id AS w, t.id AS t, t.name AS name, r.score AS s ORDER BY w, t")
    return [tuple(r.values()) for r in records]
