// Links a work to the works it cites. Both ends exist: merge_works made every citing or
// cited work that was not loaded yet a stub (is_stub true) that a later load of that work
// fills in. is_influential (S2AG) is set when the row has it, and left as it is otherwise
// (OpenAlex says nothing of it); an unchanged edge is not written again.
// Contract: $rows = [{work_id, cited_id, is_influential?: bool}]; returns changed (int,
// edges created or changed).
UNWIND $rows AS row
MATCH (w:Work {id: row.work_id})
MATCH (c:Work {id: row.cited_id})
MERGE (w)-[r:CITES]->(c)
ON CREATE SET r.is_new = true
WITH r, row WHERE r.is_new OR (row.is_influential IS NOT NULL
                               AND (r.is_influential IS NULL
                                    OR r.is_influential <> row.is_influential))
SET r.is_influential = coalesce(row.is_influential, r.is_influential)
REMOVE r.is_new
RETURN count(r) AS changed
