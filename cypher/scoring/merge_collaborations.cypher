// Updates (or creates) collaboration pairs, stored once from the smaller author id to the
// larger.
// Contract: $rows = [{a, b, shared_works: int, last_year: int|null, weight: float}] with
// a < b; returns written (int).
UNWIND $rows AS row
MATCH (a:Author {id: row.a})
MATCH (b:Author {id: row.b})
MERGE (a)-[c:COLLABORATES_WITH]->(b)
SET c.shared_works = row.shared_works, c.last_year = row.last_year, c.weight = row.weight
RETURN count(c) AS written
