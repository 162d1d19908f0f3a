// Creates collaboration pairs the graph does not have yet (the run diffed them against the
// stored pairs, under the scoring lock, so CREATE cannot duplicate one): faster than MERGE.
// One row per smaller-id author with its new pairs as parallel lists: one lookup of `a` per
// row, not per pair. last_year null leaves the property out.
// Contract: $rows = [{a, bs: [author id > a], shared: [int], weights: [float],
// years: [int|null]}]; returns written (int).
UNWIND $rows AS row
MATCH (a:Author {id: row.a})
UNWIND range(0, size(row.bs) - 1) AS k
MATCH (b:Author {id: row.bs[k]})
CREATE (a)-[c:COLLABORATES_WITH {shared_works: row.shared[k], weight: row.weights[k],
                                 last_year: row.years[k]}]->(b)
RETURN count(c) AS written
