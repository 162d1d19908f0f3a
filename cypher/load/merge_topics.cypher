// Upserts topics (OpenAlex topics and concepts, arXiv categories) by id from their own
// records; nulls never sent, newer records win, unchanged rows write nothing.
// Contract: $rows = [{id, props: map}]; returns changed (int).
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
WITH t, row, any(k IN keys(row.props) WHERE t[k] IS NULL OR t[k] <> row.props[k]) AS differs
WHERE differs AND (t.updated_date IS NULL OR row.props.updated_date IS NULL
                   OR row.props.updated_date >= t.updated_date)
SET t += row.props
RETURN count(t) AS changed
