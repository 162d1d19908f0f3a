// Deletes the staged scores of a run that failed, so nothing of it is ever shown.
// Auto-commit only (CALL IN TRANSACTIONS): run it with session.run.
// Contract: $run_id; no result rows.
MATCH (s:Score {run_id: $run_id})
WHERE s.pending = true
CALL (s) { DETACH DELETE s } IN TRANSACTIONS OF 10000 ROWS
