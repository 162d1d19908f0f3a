// Moves a run to a new status ('switching', 'completed', 'failed'); a final status sets
// `finished`. Contract: $id, $status, $authors_scored (int|null), $error (string|null),
// $details (map of extra properties, may be empty); returns status.
MATCH (r:ScoringRun {id: $id})
SET r += $details, r.status = $status,
    r.authors_scored = coalesce($authors_scored, r.authors_scored),
    r.error = $error,
    r.finished = CASE WHEN $status IN ['completed', 'failed'] THEN datetime() END
RETURN r.status AS status
