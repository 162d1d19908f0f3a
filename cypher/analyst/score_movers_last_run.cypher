// title: Authors whose score moved most in the last run
// description: Each author's score in a scoring run against their previous score, largest
// description: change (up or down) first; an author scored for the first time moved from no
// description: score (previous empty, the change is the score). The run is the latest
// description: finished one unless given.
// param: run_id string = "" | A ScoringRun id; empty for the latest finished run
// param: limit int = 25 | How many authors
// returns: author_id, name, run_id, previous, current, change, band
MATCH (run:ScoringRun)
WHERE (run.id = $run_id) OR ($run_id = "" AND run.finished IS NOT NULL
      AND coalesce(run.status, "") <> "failed")
WITH run ORDER BY run.started DESC LIMIT 1
MATCH (a:Author)-[:SCORED]->(now:Score {run_id: run.id})
CALL (a, now) {
  OPTIONAL MATCH (a)-[:SCORED]->(before:Score)
  WHERE before.at < now.at
  RETURN before ORDER BY before.at DESC LIMIT 1
}
RETURN a.id AS author_id, a.name AS name, run.id AS run_id, before.value AS previous,
       now.value AS current, now.value - coalesce(before.value, 0) AS change,
       now.band AS band
ORDER BY abs(change) DESC, author_id
LIMIT $limit
