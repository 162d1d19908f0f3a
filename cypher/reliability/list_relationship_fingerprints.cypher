// Every relationship between content nodes with its type and properties, to compare graphs.
// Contract: no parameters; returns start (string), type (string), end (string), props (map).
MATCH (a)-[r]->(b)
WHERE a.id IS NOT NULL AND b.id IS NOT NULL
RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props
