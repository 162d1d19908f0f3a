// Stages each author's new score as a pending (:Score) of the run; readers do not see it
// until scoring/switch_scores copies it onto the author. CREATE, not MERGE: a run stages each
// author once (a retried transaction is rolled back first), and the unique constraint on
// Score.id would refuse a second one.
// Contract: $run_id, $version; $rows = [{author_id, value: int, band, breakdown: JSON string,
// verification_level, verification_label, verification_reasons: [string],
// network_trust: float, anomaly_features: [float], graph_features: [float], score_hash}];
// returns staged (int).
UNWIND $rows AS row
MATCH (a:Author {id: row.author_id})
CREATE (a)-[:SCORED]->(s:Score {
  id: $run_id + ':' + row.author_id, run_id: $run_id, version: $version, pending: true,
  at: datetime(), value: row.value, band: row.band, breakdown: row.breakdown,
  verification_level: row.verification_level, verification_label: row.verification_label,
  verification_reasons: row.verification_reasons, network_trust: row.network_trust,
  anomaly_features: row.anomaly_features, graph_features: row.graph_features,
  score_hash: row.score_hash})
RETURN count(s) AS staged
