// Links a work to the works it cites. Both ends exist: merge_works made every cited work
// that was not loaded yet a stub (is_stub true) that a later load of that work fills in.
// Contract: $rows = [{work_id, cited_id}]; returns changed (int, edges created).
UNWIND $rows AS row
MATCH (w:Work {id: row.work_id})
MATCH (c:Work {id: row.cited_id})
MERGE (w)-[r:CITES]->(c)
ON CREATE SET r.is_new = true
WITH r WHERE r.is_new
REMOVE r.is_new
RETURN count(r) AS changed
