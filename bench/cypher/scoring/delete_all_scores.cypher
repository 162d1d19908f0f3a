// Benchmark reset (bench/score.py --reset): deletes every author's scores (history and
// staged) and published score properties, so the next full run stages and publishes every
// author as a first run does. Run records stay. Never used by the rescoring job.
// Auto-commit only (CALL IN TRANSACTIONS). Contract: no parameters; no result rows.
MATCH (a:Author)
CALL (a) {
  REMOVE a.trust_score, a.trust_band, a.trust_breakdown, a.scored_at, a.score_version,
         a.verification_level, a.verification_label, a.verification_reasons,
         a.network_trust, a.anomaly_features, a.score_hash
  WITH a
  MATCH (a)-[:SCORED]->(s:Score)
  DETACH DELETE s
} IN TRANSACTIONS OF 5000 ROWS
