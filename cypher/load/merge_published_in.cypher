// Links works to their venue (delete_stale_published_in has run on the same rows first, so
// a work keeps one venue); both ends must exist already.
// Contract: $rows = [{work_id, venue_id}]; returns changed (int, links made).
UNWIND $rows AS row
MATCH (w:Work {id: row.work_id})
MATCH (v:Venue {id: row.venue_id})
MERGE (w)-[r:PUBLISHED_IN]->(v)
ON CREATE SET r.is_new = true
WITH r WHERE r.is_new
REMOVE r.is_new
RETURN count(r) AS changed
