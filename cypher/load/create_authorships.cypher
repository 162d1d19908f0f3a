// Links authors to works created in this same transaction (merge_works said fresh), so no
// AUTHORED edge can exist yet: CREATE, not MERGE. Rows are unique per (author, work).
// Marks the author as changed, for incremental rescoring.
// Contract: $rows = [{author_id, work_id, position: int, raw_affiliation?: string}];
// returns changed (int, edges created).
UNWIND $rows AS row
MATCH (a:Author {id: row.author_id})
MATCH (w:Work {id: row.work_id})
CREATE (a)-[r:AUTHORED {position: row.position, raw_affiliation: row.raw_affiliation}]->(w)
SET a.changed_at = datetime()
RETURN count(r) AS changed
