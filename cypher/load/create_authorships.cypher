// Links authors to works created in this same transaction (merge_works said fresh), so no
// AUTHORED edge can exist yet: CREATE, not MERGE. Rows are unique per (author, work).
// The author is not marked changed here: the fresh work's changed_at already brings its
// authors into the next incremental rescoring (scoring/list_changed_authors), and a write
// on a prolific author would make concurrent batches queue on that one node.
// Contract: $rows = [{author_id, work_id, position: int, raw_affiliation?: string}];
// returns changed (int, edges created).
UNWIND $rows AS row
MATCH (a:Author {id: row.author_id})
MATCH (w:Work {id: row.work_id})
CREATE (a)-[r:AUTHORED {position: row.position, raw_affiliation: row.raw_affiliation}]->(w)
RETURN count(r) AS changed
