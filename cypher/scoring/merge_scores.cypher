// Stages each author's new score as a pending (:Score) of the run; readers do not see it
// until scoring/switch_scores copies it onto the author. Idempotent (MERGE on the score id).
// Contract: $run_id, $version; $rows = [{author_id, value: int, band, breakdown: JSON string,
// verification_level, verification_label, verification_reasons: [string],
// network_trust: float, anomaly_features: [float], score_hash}]; returns staged (int).
UNWIND $rows AS row
MATCH (a:Author {id: row.author_id})
MERGE (s:Score {id: $run_id + ':' + row.author_id})
SET s.run_id = $run_id, s.version = $version, s.pending = true, s.at = datetime(),
    s.value = row.value, s.band = row.band, s.breakdown = row.breakdown,
    s.verification_level = row.verification_level,
    s.verification_label = row.verification_label,
    s.verification_reasons = row.verification_reasons,
    s.network_trust = row.network_trust, s.anomaly_features = row.anomaly_features,
    s.score_hash = row.score_hash
MERGE (a)-[:SCORED]->(s)
RETURN count(s) AS staged
