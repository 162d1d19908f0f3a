"""Rescoring the bundled sample gives researcher0's seed read-out (and means it)."""

import json

from neo4j import Driver

from core.settings import Settings
from loaders.sample import load_sample
from scoring.run import RunOptions, rescore
from scoring.topics import TOPIC_COUNT_THRESHOLD


def _author(driver: Driver, author_id: str) -> dict:
    records, _, _ = driver.execute_query(
        "MATCH (a:Author {id: $id}) "
        "RETURN a {.*, followers: COUNT { (a)<-[:FOLLOWS]-() }, "
        "close: COUNT { (a)-[c:COLLABORATES_WITH]-() WHERE c.shared_works >= 2 }, "
        "topics: COUNT { MATCH (a)-[:AUTHORED]->()-[r:ABOUT]->(t:Topic) "
        "                WHERE r.score >= $threshold RETURN DISTINCT t } } AS a",
        id=author_id, threshold=TOPIC_COUNT_THRESHOLD)
    return dict(records[0]["a"])


def test_researcher0_read_out(driver: Driver, settings: Settings) -> None:
    load_sample(driver, settings.neo4j_database)
    summary = rescore(driver, settings.neo4j_database, RunOptions(full=True))
    assert summary.status == "completed" and summary.authors_scored == 5
    r0 = _author(driver, "researcher0")
    assert r0["claimed"] is False
    assert r0["verification_level"] == "L1"
    assert r0["verification_label"] == "Record-matched"
    assert r0["close"] == 4 and r0["followers"] == 0
    assert r0["topics"] > 0
    assert 0 <= r0["trust_score"] <= 100
    assert r0["trust_band"] == "Emerging"
    breakdown = json.loads(r0["trust_breakdown"])
    assert sum(s["contribution"] for s in breakdown.values()) == r0["trust_score"]
