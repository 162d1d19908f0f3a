// Links authors to works with their byline position; both ends must exist already.
// Marks the author as changed when the edge is new, for incremental rescoring.
// Contract: $rows = [{author_id, work_id, position: int, raw_affiliation?: string}];
// returns changed (int).
UNWIND $rows AS row
MATCH (a:Author {id: row.author_id})
MATCH (w:Work {id: row.work_id})
MERGE (a)-[r:AUTHORED]->(w)
ON CREATE SET a.changed_at = datetime()
SET r.position = row.position, r.raw_affiliation = row.raw_affiliation
RETURN count(r) AS changed
