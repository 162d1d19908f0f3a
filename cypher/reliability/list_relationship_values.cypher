// Every relationship with its type, the ids of its ends and its properties: two graphs
// compared type by type (counts, property keys, a checksum of the values).
// Contract: no parameters; returns type (string), start (string), end (string), props (map).
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props
