// Publishes a completed run: copies each pending score of $run_id onto its author and clears
// its pending flag. Resumable: a switch cut short is finished by the next run (only
// still-pending scores are copied). History is pruned by scoring/prune_scores afterwards; it
// is kept out of this statement, whose only Eager is then the list of the run's scores.
// The score keeps network_trust, anomaly_features, graph_features and score_hash: removing
// them would write every score a second time for a few bytes. `scored_level` keeps the
// level the score was computed at: a granted claim changes `verification_level` at once,
// and the next run must still see that the author was not a seed of the published
// propagation.
// Auto-commit only (CALL IN TRANSACTIONS): run it with session.run, not a managed transaction.
// Contract: $run_id; no result rows.
MATCH (s:Score {run_id: $run_id})
WHERE s.pending = true
CALL (s) {
  MATCH (a:Author)-[:SCORED]->(s)
  SET a.trust_score = s.value, a.trust_band = s.band, a.trust_breakdown = s.breakdown,
      a.scored_at = s.at, a.score_version = s.version,
      a.verification_level = s.verification_level,
      a.verification_label = s.verification_label,
      a.verification_reasons = s.verification_reasons, a.scored_level = s.verification_level,
      a.network_trust = s.network_trust, a.anomaly_features = s.anomaly_features,
      a.graph_features = s.graph_features,
      a.score_hash = s.score_hash
  REMOVE s.pending
} IN TRANSACTIONS OF 5000 ROWS
