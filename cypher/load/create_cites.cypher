// Links works created in this same transaction to the works they cite: the edge is CREATEd
// (a fresh work cites nothing yet). Both ends exist: merge_works made every cited work that
// was not loaded yet a stub (is_stub true) that a later load fills in. Rows are unique per
// (work, cited).
// Contract: $rows = [{work_id, cited_id}]; returns changed (int, edges created).
UNWIND $rows AS row
MATCH (w:Work {id: row.work_id})
MATCH (c:Work {id: row.cited_id})
CREATE (w)-[r:CITES]->(c)
RETURN count(r) AS changed
