// Upserts venues (journals, repositories, conferences) by id; nulls are never sent.
// Contract: $rows = [{id, props: map}]; returns changed (int).
UNWIND $rows AS row
MERGE (v:Venue {id: row.id})
SET v += row.props
RETURN count(v) AS changed
