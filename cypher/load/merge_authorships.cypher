// Links authors to works with their byline position; both ends must exist already.
// Marks the author as changed when the edge is new, for incremental rescoring; an edge
// whose properties are unchanged is not written again.
// Contract: $rows = [{author_id, work_id, position: int, raw_affiliation?: string}];
// returns changed (int).
UNWIND $rows AS row
MATCH (a:Author {id: row.author_id})
MATCH (w:Work {id: row.work_id})
MERGE (a)-[r:AUTHORED]->(w)
ON CREATE SET a.changed_at = datetime()
WITH r, row WHERE r.position IS NULL OR r.position <> row.position
                  OR r.raw_affiliation IS NULL <> row.raw_affiliation IS NULL
                  OR r.raw_affiliation <> row.raw_affiliation
SET r.position = row.position, r.raw_affiliation = row.raw_affiliation
RETURN count(r) AS changed
