// Upserts works by id, like merge_authors: nulls never sent, newer records win, unchanged
// rows write nothing. A row fills a stub made earlier by a CITES edge (is_stub false).
// `fresh` is true for a work this statement created: it can have no edges yet, so the
// loader links it with the create_* statements (no MERGE check, see loaders/fresh.py).
// Contract: $rows = [{id, props: map}]; returns one row per written work: id, fresh (bool).
UNWIND $rows AS row
MERGE (w:Work {id: row.id})
ON CREATE SET w.load_fresh = true
WITH w, row, w.load_fresh IS NOT NULL AS fresh,
     any(k IN keys(row.props) WHERE w[k] IS NULL OR w[k] <> row.props[k]) AS differs
WHERE fresh OR ((differs OR w.is_stub) AND (w.updated_date IS NULL
      OR row.props.updated_date IS NULL OR row.props.updated_date >= w.updated_date))
SET w += row.props, w.is_stub = false, w.changed_at = datetime()
REMOVE w.load_fresh
RETURN w.id AS id, fresh
