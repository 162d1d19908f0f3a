// One topic with its counts and first pages of its works and authors
// (GET /api/v1/topics/{id}). Works are ranked by ABOUT score then year; authors by how many
// of the topic's top-ranked works they wrote, so a huge topic costs at most $scan_cap works.
// Contract: $id (topic id), $limit (int: entities listed per kind), $scan_cap (int: works
// examined to rank authors); returns one row, none when no topic has that id: topic
// ({id, name, source}), works (list of {id, title, year, score}), authors (list of
// {id, name, works}), counts {works}.
MATCH (t:Topic {id: $id})
CALL (t) {
  MATCH (w:Work)-[r:ABOUT]->(t)
  WITH w, r ORDER BY r.score DESC, coalesce(w.year, -1) DESC, w.id LIMIT $scan_cap
  WITH collect(w {.id, .title, .year, score: r.score}) AS ranked, collect(w) AS scanned
  RETURN ranked[..$limit] AS works, scanned
}
CALL (scanned) {
  UNWIND scanned AS w
  MATCH (a:Author)-[:AUTHORED]->(w)
  WITH a, count(*) AS works ORDER BY works DESC, a.id LIMIT $limit
  RETURN collect(a {.id, .name, works: works}) AS authors
}
RETURN t {.id, .name, .source} AS topic, works, authors,
       {works: COUNT { (t)<-[:ABOUT]-() }} AS counts
