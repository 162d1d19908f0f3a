// Upserts institutions by id from their own records; nulls are never sent, an older record
// (by updated_date) never overwrites a newer one, an unchanged row writes nothing.
// Contract: $rows = [{id, props: map}]; returns changed (int).
UNWIND $rows AS row
MERGE (i:Institution {id: row.id})
WITH i, row, any(k IN keys(row.props) WHERE i[k] IS NULL OR i[k] <> row.props[k]) AS differs
WHERE differs AND (i.updated_date IS NULL OR row.props.updated_date IS NULL
                   OR row.props.updated_date >= i.updated_date)
SET i += row.props
RETURN count(i) AS changed
