// Upserts works by id, like merge_authors: nulls never sent, newer records win, unchanged
// rows write nothing. A row fills a stub made earlier by a CITES edge (is_stub false).
// Contract: $rows = [{id, props: map}]; returns changed (int).
UNWIND $rows AS row
MERGE (w:Work {id: row.id})
WITH w, row, any(k IN keys(row.props) WHERE w[k] IS NULL OR w[k] <> row.props[k]) AS differs
WHERE (differs OR w.is_stub) AND (w.updated_date IS NULL OR row.props.updated_date IS NULL
                                  OR row.props.updated_date >= w.updated_date)
SET w += row.props, w.is_stub = false, w.changed_at = datetime()
RETURN count(w) AS changed
