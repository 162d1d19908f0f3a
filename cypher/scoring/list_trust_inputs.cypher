// Every author's propagation inputs and what the last run stored for comparison.
// Contract: no parameters; returns id, seed (bool: claimed and identity verified, i.e. L2+),
// was_seed (bool: the published level is L2+, i.e. the last run propagated from it),
// network_trust (float|null), anomaly_features (list of float|null), score_hash
// (string|null: fingerprint of the published score, to skip unchanged ones).
MATCH (a:Author)
RETURN a.id AS id,
       coalesce(a.claimed, false) AND coalesce(a.identity_verified, false) AS seed,
       a.network_trust AS network_trust, a.anomaly_features AS anomaly_features,
       a.score_hash AS score_hash,
       coalesce(a.verification_level IN ['L2', 'L3'], false) AS was_seed
