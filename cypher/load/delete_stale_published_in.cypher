// A work has one venue per source: drops a work's link to any other venue of the row's
// venue's source, before merge_published_in links the row's venue (a paper several sources
// describe keeps each source's venue). Its own statement (not an OPTIONAL MATCH … DELETE
// in front of the MERGE) because that mix makes the planner materialise every row twice
// (Eager), ten times slower per batch.
// Contract: $rows = [{work_id, venue_id}]; returns changed (int, links removed).
UNWIND $rows AS row
MATCH (:Work {id: row.work_id})-[old:PUBLISHED_IN]->(other:Venue)
WHERE other.id <> row.venue_id
MATCH (venue:Venue {id: row.venue_id})
WITH old, other, venue WHERE coalesce(other.source, '') = coalesce(venue.source, '')
DELETE old
RETURN count(old) AS changed
