// Upserts works by id, like merge_authors: nulls never sent, newer records win, unchanged
// rows write nothing. A row fills a stub made for an earlier citation (is_stub false).
// `fresh` is true for a work this statement created: it can have no edges yet, so the
// loader links it with the create_* statements (no MERGE check, see loaders/fresh.py).
// A row with null props is a work the batch cites: made a stub (is_stub true) when missing,
// left as it is otherwise, never returned. Works and cited works come in one list sorted by
// id, so two batches written at once take their Work key locks in the same order: they wait
// for each other but cannot deadlock (the cites statements then only MATCH).
// Contract: $rows = [{id, props: map | null}] sorted by id; returns one row per written
// work: id, fresh (bool).
UNWIND $rows AS row
MERGE (w:Work {id: row.id})
ON CREATE SET w.is_stub = row.props IS NULL,
              w.load_fresh = CASE WHEN row.props IS NOT NULL THEN true END
WITH w, row, w.load_fresh IS NOT NULL AS fresh
WHERE row.props IS NOT NULL
WITH w, row, fresh,
     any(k IN keys(row.props) WHERE w[k] IS NULL OR w[k] <> row.props[k]) AS differs
WHERE fresh OR ((differs OR w.is_stub) AND (w.updated_date IS NULL
      OR row.props.updated_date IS NULL OR row.props.updated_date >= w.updated_date))
SET w += row.props, w.is_stub = false, w.changed_at = datetime()
REMOVE w.load_fresh
RETURN w.id AS id, fresh
