// Runs left 'running' or 'switching' by a job that died (only ever called under the lock).
// Contract: no parameters; returns id, status.
MATCH (r:ScoringRun)
WHERE r.status IN ['running', 'switching']
RETURN r.id AS id, r.status AS status
ORDER BY r.started
