// Creates venues (a work's source or host venue) seen only as references: the row's properties are set only
// when the node is new, so a fuller record loaded before or after always wins.
// Contract: $rows = [{id, props: map}]; returns changed (int, nodes created).
UNWIND $rows AS row
MERGE (v:Venue {id: row.id})
ON CREATE SET v += row.props, v.is_new = true
WITH v WHERE v.is_new
REMOVE v.is_new
RETURN count(v) AS changed
