// Links works created in this same transaction to the works they cite: the edge is CREATEd
// (a fresh work cites nothing yet); a cited work not loaded yet becomes a stub (is_stub true)
// that a later load fills in. Rows are unique per (work, cited).
// Contract: $rows = [{work_id, cited_id}]; returns changed (int, edges created).
UNWIND $rows AS row
MATCH (w:Work {id: row.work_id})
MERGE (c:Work {id: row.cited_id})
ON CREATE SET c.is_stub = true
CREATE (w)-[r:CITES]->(c)
RETURN count(r) AS changed
