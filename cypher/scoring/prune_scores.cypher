// After a switch: keeps only the $keep latest scores of each author the run scored. The
// degree check (no property read) skips the authors with few scores, i.e. all of them after
// a first run. Idempotent.
// Auto-commit only (CALL IN TRANSACTIONS): run it with session.run, not a managed transaction.
// Contract: $run_id, $keep (int >= 1); no result rows.
MATCH (:Score {run_id: $run_id})<-[:SCORED]-(a:Author)
WHERE COUNT { (a)-[:SCORED]->() } > $keep
CALL (a) {
  MATCH (a)-[:SCORED]->(old:Score)
  WITH old ORDER BY old.at DESC SKIP $keep
  DETACH DELETE old
} IN TRANSACTIONS OF 2000 ROWS
