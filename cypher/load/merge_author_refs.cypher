// Creates authors seen only as references (a work's byline): the row's properties are set
// only when the node is new, so a fuller author record loaded before or after always wins.
// Contract: $rows = [{id, props: map}]; returns changed (int, nodes created).
UNWIND $rows AS row
MERGE (a:Author {id: row.id})
ON CREATE SET a += row.props, a.changed_at = datetime(), a.is_new = true
WITH a WHERE a.is_new
REMOVE a.is_new
RETURN count(a) AS changed
