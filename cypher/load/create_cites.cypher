// Links works created in this same transaction to the works they cite: the edge is CREATEd
// (a fresh work cites nothing yet). Both ends exist: merge_works made every citing or cited
// work that was not loaded yet a stub (is_stub true) that a later load fills in. Rows are
// unique per (work, cited); is_influential (S2AG) is set when the source says.
// Contract: $rows = [{work_id, cited_id, is_influential?: bool}]; returns changed (int,
// edges created).
UNWIND $rows AS row
MATCH (w:Work {id: row.work_id})
MATCH (c:Work {id: row.cited_id})
CREATE (w)-[r:CITES]->(c)
SET r.is_influential = row.is_influential
RETURN count(r) AS changed
