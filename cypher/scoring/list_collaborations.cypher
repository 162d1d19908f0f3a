// Every stored collaboration pair, one row per author with its pairs as parallel lists
// (far fewer records to decode than one row per pair).
// Contract: no parameters; returns a (author id), bs (ids of the larger-id ends),
// shared (list of int), years (list of int|null), weights (list of float), all aligned.
MATCH (a:Author)-[c:COLLABORATES_WITH]->(b:Author)
WITH a, collect(b.id) AS bs, collect(c.shared_works) AS shared,
     collect(coalesce(c.last_year, -1)) AS years, collect(c.weight) AS weights
RETURN a.id AS a, bs, shared, years, weights
