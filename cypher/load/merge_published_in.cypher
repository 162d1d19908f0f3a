// Links works to their venue; a work has one venue, so an old link is replaced.
// Contract: $rows = [{work_id, venue_id}]; returns changed (int).
UNWIND $rows AS row
MATCH (w:Work {id: row.work_id})
MATCH (v:Venue {id: row.venue_id})
OPTIONAL MATCH (w)-[old:PUBLISHED_IN]->(other:Venue) WHERE other.id <> row.venue_id
DELETE old
MERGE (w)-[r:PUBLISHED_IN]->(v)
RETURN count(r) AS changed
