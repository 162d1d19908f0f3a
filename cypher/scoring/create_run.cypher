// Records the start of a scoring run; `started` is the database's clock, like changed_at.
// Contract: $id, $mode ('full' | 'incremental'), $version; returns started (datetime).
CREATE (r:ScoringRun {id: $id, mode: $mode, version: $version, status: 'running',
                      started: datetime(), authors_scored: 0})
RETURN r.started AS started
