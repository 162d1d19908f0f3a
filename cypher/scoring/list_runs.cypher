// Scoring runs, newest first, for GET /api/v1/scoring/runs.
// Contract: $skip, $limit (int); returns id, mode, status, started, finished (datetime|null),
// authors_scored (int), version, error (string|null).
MATCH (r:ScoringRun)
RETURN r.id AS id, r.mode AS mode, r.status AS status, r.started AS started,
       r.finished AS finished, r.authors_scored AS authors_scored, r.version AS version,
       r.error AS error
ORDER BY r.started DESC
SKIP $skip
LIMIT $limit
