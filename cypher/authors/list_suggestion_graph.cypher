// The collaboration graph around an author, bounded for collaborator suggestions: its
// $first_fanout strongest collaborators (by COLLABORATES_WITH weight), theirs ($fanout
// each), the $frontier strongest of those second-step authors' own ($fanout each), and every
// COLLABORATES_WITH edge among the authors kept. Scoring writes COLLABORATES_WITH, so an
// unscored graph gives only the author itself.
// Contract: $id (author id), $first_fanout, $fanout, $frontier (ints); one row, none when no
// author has that id: nodes (list of {id, name}, the author first), edges (list of {a, b,
// weight: float}), coauthors (list of ids: everyone the author shares a work with).
MATCH (a:Author {id: $id})
CALL (a) {
  MATCH (a)-[c:COLLABORATES_WITH]-(b:Author)
  WITH b ORDER BY c.weight DESC, b.id LIMIT $first_fanout
  RETURN collect(b) AS first
}
CALL (first) {
  UNWIND first AS b
  CALL (b) {
    MATCH (b)-[c:COLLABORATES_WITH]-(x:Author)
    WITH x, c ORDER BY c.weight DESC, x.id LIMIT $fanout
    RETURN x, c.weight AS weight
  }
  WITH x, sum(weight) AS strength ORDER BY strength DESC, x.id
  RETURN collect(x) AS second
}
CALL (second) {
  UNWIND second[..$frontier] AS x
  CALL (x) {
    MATCH (x)-[c:COLLABORATES_WITH]-(y:Author)
    WITH y ORDER BY c.weight DESC, y.id LIMIT $fanout
    RETURN y
  }
  RETURN collect(DISTINCT y) AS third
}
UNWIND [a] + first + second + third AS n
WITH a, collect(DISTINCT n) AS kept
CALL (kept) {
  UNWIND kept AS x
  MATCH (x)-[c:COLLABORATES_WITH]->(y:Author)
  WHERE y IN kept
  RETURN collect({a: x.id, b: y.id, weight: c.weight}) AS edges
}
CALL (a) {
  MATCH (a)-[:AUTHORED]->(:Work)<-[:AUTHORED]-(c:Author)
  RETURN collect(DISTINCT c.id) AS coauthors
}
RETURN [n IN kept | {id: n.id, name: n.name}] AS nodes, edges, coauthors
