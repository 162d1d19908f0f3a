// An author's published scores, newest first (pending scores of a run in progress are hidden).
// Contract: $id, $limit (int); returns author_id and history (list of maps: run_id,
// value, band, breakdown (JSON string), at (datetime), version, verification_level); no row
// when the author does not exist.
MATCH (a:Author {id: $id})
CALL (a) {
  OPTIONAL MATCH (a)-[:SCORED]->(s:Score)
  WHERE s.pending IS NULL
  WITH s ORDER BY s.at DESC LIMIT $limit
  RETURN collect(s {.run_id, .value, .band, .breakdown, .at, .version,
                    .verification_level}) AS history
}
RETURN a.id AS author_id, history
