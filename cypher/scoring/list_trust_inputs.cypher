// Every author's propagation inputs and what the last run stored for comparison.
// Contract: no parameters; returns id, seed (bool: claimed and identity verified, i.e. L2+),
// was_seed (bool: the published score's level is L2+, i.e. the last run propagated from it;
// `scored_level`, as a granted claim sets `verification_level` before any run; a score
// published before `scored_level` existed is read from the author's latest score),
// network_trust (float|null), anomaly_features (list of float|null), score_hash
// (string|null: fingerprint of the published score, to skip unchanged ones), graph_features
// (list of float|null: the citation figures the published score was computed from).
MATCH (a:Author)
WITH a, CASE WHEN a.scored_level IS NOT NULL OR a.scored_at IS NULL THEN a.scored_level
             ELSE COLLECT { MATCH (a)-[:SCORED]->(s:Score) WHERE s.pending IS NULL
                            RETURN s.verification_level ORDER BY s.at DESC LIMIT 1 }[0]
        END AS published_level
RETURN a.id AS id,
       coalesce(a.claimed, false) AND coalesce(a.identity_verified, false) AS seed,
       a.network_trust AS network_trust, a.anomaly_features AS anomaly_features,
       a.score_hash AS score_hash,
       coalesce(published_level IN ['L2', 'L3'], false) AS was_seed,
       a.graph_features AS graph_features
