// Creates institutions (an authorship's institution) seen only as references: the row's properties are set only
// when the node is new, so a fuller record loaded before or after always wins.
// Contract: $rows = [{id, props: map}]; returns changed (int, nodes created).
UNWIND $rows AS row
MERGE (i:Institution {id: row.id})
ON CREATE SET i += row.props, i.is_new = true
WITH i WHERE i.is_new
REMOVE i.is_new
RETURN count(i) AS changed
