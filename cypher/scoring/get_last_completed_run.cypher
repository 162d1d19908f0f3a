// The latest run that completed: an incremental run rescores what changed since it started.
// Contract: no parameters; returns id, started (datetime), mode, version (string: the
// scoring version it computed; null for runs recorded before versions were); no row when
// none completed.
MATCH (r:ScoringRun {status: 'completed'})
RETURN r.id AS id, r.started AS started, r.mode AS mode, r.version AS version
ORDER BY r.started DESC
LIMIT 1
