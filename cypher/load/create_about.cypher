// Links works created in this same transaction to their topics: CREATE, not MERGE. Rows are
// unique per (work, topic).
// Contract: $rows = [{work_id, topic_id, score: float, source: string, primary?: bool}];
// returns changed (int, edges created).
UNWIND $rows AS row
MATCH (w:Work {id: row.work_id})
MATCH (t:Topic {id: row.topic_id})
CREATE (w)-[r:ABOUT {score: row.score, source: row.source, primary: row.primary}]->(t)
RETURN count(r) AS changed
