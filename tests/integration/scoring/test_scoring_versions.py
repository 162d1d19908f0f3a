"""Scores of the rules before (trust-v1, with the bare anomaly penalty) stay readable next
to trust-v2 ones: in the history API and on the profile page (issue 19)."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from neo4j import Driver

from core.settings import Settings
from loaders.sample import load_sample
from scoring.run import RunOptions, rescore
from scoring.trust import SCORE_VERSION

# researcher0's published score as trust-v1 stored it (docs/SCORING.md of that version).
V1_BREAKDOWN = {
    "publication": {"raw": {"works": 65, "first_year": 2020, "last_year": 2024,
                            "reference_year": 2024}, "normalised": 0.7761, "weight": 20,
                    "contribution": 15},
    "impact": {"raw": {"citations": None, "h_index": None}, "normalised": 0.0, "weight": 15,
               "contribution": 0},
    "network": {"raw": {"received_trust": 0.0}, "normalised": 0.0, "weight": 25,
                "contribution": 0},
    "topic_coherence": {"raw": {"coherence": 0.2652, "works_with_topics": 65, "topics": 23},
                        "normalised": 0.2535, "weight": 10, "contribution": 3},
    "identity": {"raw": {"level": "L1"}, "normalised": 0.25, "weight": 20, "contribution": 5},
    "community": {"raw": {"followers": 0}, "normalised": 0.0, "weight": 10, "contribution": 0},
    "anomaly": {"raw": {"isolation_score": 0.0, "busiest_year_works": 27.0,
                        "mean_coauthors": 0.246, "works_per_active_year": 13.0},
                "normalised": 0.0, "weight": -15, "contribution": 0}}
V1_SCORE = """
MATCH (a:Author {id: 'researcher0'})
CREATE (a)-[:SCORED]->(:Score {id: 'v1run:researcher0', run_id: 'v1run', version: 'trust-v1',
  at: datetime('2025-01-01T03:00:00Z'), value: 23, band: 'Emerging', breakdown: $breakdown,
  verification_level: 'L1', verification_label: 'Record-matched', verification_reasons: [],
  network_trust: 0.0, anomaly_features: [3.33, 0.22, 2.64], score_hash: 'v1'})
SET a.trust_score = 23, a.trust_band = 'Emerging', a.trust_breakdown = $breakdown,
    a.score_version = 'trust-v1', a.scored_at = datetime('2025-01-01T03:00:00Z'),
    a.verification_level = 'L1', a.scored_level = 'L1', a.score_hash = 'v1'
"""


def test_v1_scores_still_read_beside_v2_ones(driver: Driver, settings: Settings,
                                             client: TestClient) -> None:
    db = settings.neo4j_database
    load_sample(driver, db)
    driver.execute_query(V1_SCORE, breakdown=json.dumps(V1_BREAKDOWN))
    page = client.get("/authors/researcher0")
    assert page.status_code == 200 and "Anomaly penalty" in page.text  # a v1 profile
    old = client.get("/api/v1/authors/researcher0/score-history").json()["history"]
    assert [(h["version"], h["value"]) for h in old] == [("trust-v1", 23)]
    rescore(driver, db, RunOptions(full=True))
    history = client.get("/api/v1/authors/researcher0/score-history").json()["history"]
    assert [h["version"] for h in history] == [SCORE_VERSION, "trust-v1"] == [
        "trust-v2", "trust-v1"]
    new, v1 = history
    assert "integrity" in new["breakdown"] and "anomaly" not in new["breakdown"]
    assert v1["breakdown"] == V1_BREAKDOWN
    for entry in history:
        assert sum(s["contribution"] for s in entry["breakdown"].values()) == entry["value"]
    # v2 changes no figure of the sample: no citations, no notice, no anomaly (5 authors).
    assert new["value"] == 23
    page = client.get("/authors/researcher0").text
    assert ">Integrity<" in page and "23 (Emerging)" in page


def test_the_first_run_after_a_version_change_rescores_everyone(driver: Driver,
                                                                settings: Settings) -> None:
    db = settings.neo4j_database
    load_sample(driver, db)
    rescore(driver, db, RunOptions(full=True))
    assert rescore(driver, db).mode == "incremental"  # same version: only what changed
    # as a deployment of a new version finds the graph: the last run computed an older one
    driver.execute_query("MATCH (r:ScoringRun) SET r.version = 'trust-v1'", database_=db)
    after = rescore(driver, db)
    assert after.mode == "full" and after.authors_scored == 5
    assert any("trust-v1" in note and SCORE_VERSION in note for note in after.notes)
    assert rescore(driver, db).mode == "incremental"
