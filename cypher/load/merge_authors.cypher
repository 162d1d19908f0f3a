// Upserts authors by id. Only non-null properties are sent (Python drops nulls, so a
// missing value never erases a stored one); an older record (by updated_date) never
// overwrites a newer one; an unchanged row writes nothing, so loads are idempotent.
// changed_at marks the author for incremental rescoring.
// Contract: $rows = [{id, props: map}]; returns changed (int).
UNWIND $rows AS row
MERGE (a:Author {id: row.id})
WITH a, row, any(k IN keys(row.props) WHERE a[k] IS NULL OR a[k] <> row.props[k]) AS differs
WHERE differs AND (a.updated_date IS NULL OR row.props.updated_date IS NULL
                   OR row.props.updated_date >= a.updated_date)
SET a += row.props, a.changed_at = datetime()
RETURN count(a) AS changed
