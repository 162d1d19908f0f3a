// Publishes a completed run: copies each pending score of $run_id onto its author, then keeps
// only the author's $keep latest scores. Resumable: a switch cut short is finished by the next
// run (only still-pending scores are copied).
// Auto-commit only (CALL IN TRANSACTIONS): run it with session.run, not a managed transaction.
// Contract: $run_id, $keep (int >= 1); no result rows.
MATCH (s:Score {run_id: $run_id})
WHERE s.pending = true
CALL (s) {
  MATCH (a:Author)-[:SCORED]->(s)
  SET a.trust_score = s.value, a.trust_band = s.band, a.trust_breakdown = s.breakdown,
      a.scored_at = s.at, a.score_version = s.version,
      a.verification_level = s.verification_level,
      a.verification_label = s.verification_label,
      a.verification_reasons = s.verification_reasons,
      a.network_trust = s.network_trust, a.anomaly_features = s.anomaly_features,
      a.score_hash = s.score_hash
  REMOVE s.pending, s.network_trust, s.anomaly_features, s.score_hash
  WITH a
  MATCH (a)-[:SCORED]->(old:Score)
  WITH old ORDER BY old.at DESC SKIP $keep
  DETACH DELETE old
} IN TRANSACTIONS OF 2000 ROWS
