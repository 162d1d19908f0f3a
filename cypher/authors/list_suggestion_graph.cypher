// The collaboration graph around an author, as walked for collaborator suggestions: its
// $first_fanout strongest collaborators (by COLLABORATES_WITH weight), the $fanout strongest
// of each of theirs, and the $fanout strongest of each of the $frontier strongest of those
// (by the weight that reached them); the edges are the ones walked. Scoring writes
// COLLABORATES_WITH, so an unscored graph gives only the author itself.
// Contract: $id (author id), $first_fanout, $fanout, $frontier (ints); one row, none when no
// author has that id: nodes (list of {id, name}, the author first), edges (list of {a, b,
// weight: float}).
MATCH (a:Author {id: $id})
CALL (a) {
  MATCH (a)-[c:COLLABORATES_WITH]-(b:Author)
  WITH b, c.weight AS weight ORDER BY weight DESC, b.id LIMIT $first_fanout
  RETURN collect(b) AS first, collect({a: a.id, b: b.id, weight: weight}) AS near
}
CALL (a, first) {
  UNWIND first AS b
  CALL (a, b) {
    MATCH (b)-[c:COLLABORATES_WITH]-(x:Author)
    WHERE x <> a
    WITH x, c.weight AS weight ORDER BY weight DESC, x.id LIMIT $fanout
    RETURN x, weight
  }
  WITH x, collect({a: b.id, b: x.id, weight: weight}) AS edges, sum(weight) AS strength
  ORDER BY strength DESC, x.id
  RETURN collect(x) AS second, reduce(all = [], e IN collect(edges) | all + e) AS middle
}
CALL (a, second) {
  UNWIND second[..$frontier] AS x
  CALL (a, x) {
    MATCH (x)-[c:COLLABORATES_WITH]-(y:Author)
    WHERE y <> a
    WITH y, c.weight AS weight ORDER BY weight DESC, y.id LIMIT $fanout
    RETURN y, weight
  }
  RETURN collect(DISTINCT y) AS third, collect({a: x.id, b: y.id, weight: weight}) AS far
}
UNWIND [a] + first + second + third AS n
WITH near + middle + far AS edges, collect(DISTINCT n) AS kept
RETURN [n IN kept | {id: n.id, name: n.name}] AS nodes, edges
