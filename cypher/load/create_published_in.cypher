// Links works created in this same transaction to their venue: CREATE, not MERGE (a fresh
// work has no venue yet). One row per work.
// Contract: $rows = [{work_id, venue_id}]; returns changed (int, edges created).
UNWIND $rows AS row
MATCH (w:Work {id: row.work_id})
MATCH (v:Venue {id: row.venue_id})
CREATE (w)-[r:PUBLISHED_IN]->(v)
RETURN count(r) AS changed
