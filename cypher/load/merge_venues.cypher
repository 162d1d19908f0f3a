// Upserts venues (journals, repositories, conferences) by id; nulls are never sent, an older
// record (by updated_date) never overwrites a newer one, an unchanged row writes nothing.
// Contract: $rows = [{id, props: map}]; returns changed (int).
UNWIND $rows AS row
MERGE (v:Venue {id: row.id})
WITH v, row, any(k IN keys(row.props) WHERE v[k] IS NULL OR v[k] <> row.props[k]) AS differs
WHERE differs AND (v.updated_date IS NULL OR row.props.updated_date IS NULL
                   OR row.props.updated_date >= v.updated_date)
SET v += row.props
RETURN count(v) AS changed
