// Creates topics (a work's topic or concept) seen only as references: the row's properties are set only
// when the node is new, so a fuller record loaded before or after always wins.
// Contract: $rows = [{id, props: map}]; returns changed (int, nodes created).
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
ON CREATE SET t += row.props, t.is_new = true
WITH t WHERE t.is_new
REMOVE t.is_new
RETURN count(t) AS changed
