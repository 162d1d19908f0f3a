// An author's co-authors ranked by shared works, then by the most recent shared year, then
// id; computed from AUTHORED edges so it works before scoring has run.
// Contract: $id (author id), $close_min (int: shared works that make a close collaborator),
// $limit (int); returns one row, none when no author has that id: id, total (int, all
// co-authors), close_total (int, close collaborators), items (list of {id, name,
// shared_works, last_year, close}).
MATCH (a:Author {id: $id})
CALL (a) {
  MATCH (a)-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(c:Author)
  WHERE c <> a
  WITH c, count(DISTINCT w) AS shared, max(w.year) AS last_year
  ORDER BY shared DESC, coalesce(last_year, -1) DESC, c.id
  WITH collect({id: c.id, name: c.name, shared_works: shared, last_year: last_year,
                close: shared >= $close_min}) AS ranked
  RETURN size(ranked) AS total, size([c IN ranked WHERE c.close]) AS close_total,
         ranked[..$limit] AS items
}
RETURN a.id AS id, total, close_total, items
