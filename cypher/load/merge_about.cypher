// Links works to topics with the source's score; both ends must exist already. An edge
// whose properties are unchanged is not written again.
// Contract: $rows = [{work_id, topic_id, score: float, source: string, primary?: bool}];
// returns changed (int).
UNWIND $rows AS row
MATCH (w:Work {id: row.work_id})
MATCH (t:Topic {id: row.topic_id})
MERGE (w)-[r:ABOUT]->(t)
WITH r, row WHERE r.score IS NULL OR r.score <> row.score OR r.source IS NULL
                  OR r.primary IS NULL <> row.primary IS NULL OR r.primary <> row.primary
SET r.score = row.score, r.source = row.source, r.primary = row.primary
RETURN count(r) AS changed
