// Creates collaboration pairs the graph does not have yet (the run diffed them against the
// stored pairs, under the scoring lock, so CREATE cannot duplicate one): faster than MERGE.
// Contract: $rows = [{a, b, shared_works: int, last_year: int|null, weight: float}] with
// a < b; returns written (int).
UNWIND $rows AS row
MATCH (a:Author {id: row.a})
MATCH (b:Author {id: row.b})
CREATE (a)-[c:COLLABORATES_WITH {shared_works: row.shared_works, weight: row.weight}]->(b)
SET c.last_year = row.last_year
RETURN count(c) AS written
