// A work has one venue: drops a work's link to any venue other than the row's, before
// merge_published_in links the row's venue. Its own statement (not an OPTIONAL MATCH …
// DELETE in front of the MERGE) because that mix makes the planner materialise every row
// twice (Eager), ten times slower per batch.
// Contract: $rows = [{work_id, venue_id}]; returns changed (int, links removed).
UNWIND $rows AS row
MATCH (:Work {id: row.work_id})-[old:PUBLISHED_IN]->(other:Venue)
WHERE other.id <> row.venue_id
DELETE old
RETURN count(old) AS changed
