// The researcher in context (GET /api/v1/authors/{id}/context): one author with the closest
// co-authors (ranked by shared works, then the latest shared year, then id), the co-authors'
// own links among themselves, the main topics (by how many of the author's works are about
// each with a score of at least $topic_min_score), the institutions (latest first) and the
// venues (by works). Works are counted, not listed: the explorer expands them on demand.
// Computed from AUTHORED, ABOUT, PUBLISHED_IN and AFFILIATED_WITH, so it works before scoring.
// Contract: $id (author id), $collaborators, $topics, $institutions, $venues (ints: most of
// each kept), $topic_min_score (float); returns one row, none when no author has that id:
// author (node map), works (int), collaborators_total, topics_total, institutions_total,
// venues_total (ints), coauthors (list of {node, shared_works, last_year}), links (list of
// {source, target, shared_works}: pairs of kept co-authors with shared works), topics and
// venues (lists of {node, works}), institutions (list of {node, start_year, end_year}).
// A node map is {id, labels, hop, props} with the display properties of the neighbourhood.
MATCH (a:Author {id: $id})
CALL (a) {
  MATCH (a)-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(c:Author)
  WHERE c <> a
  WITH c, count(DISTINCT w) AS shared, max(w.year) AS last_year
  ORDER BY shared DESC, coalesce(last_year, -1) DESC, c.id
  WITH collect({c: c, shared_works: shared, last_year: last_year}) AS ranked
  RETURN size(ranked) AS collaborators_total, ranked[..$collaborators] AS kept
}
CALL (kept) {
  // pairs of kept co-authors with shared works, each pair once: one walk from each co-author
  // through its works (not one per pair: a third of the reads for a hub's 12)
  WITH [x IN kept | x.c] AS people
  UNWIND people AS c1
  MATCH (c1)-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(c2:Author)
  WHERE c1.id < c2.id AND c2 IN people
  WITH c1, c2, count(DISTINCT w) AS shared
  ORDER BY c1.id, c2.id
  RETURN collect({source: c1.id, target: c2.id, shared_works: shared}) AS links
}
CALL (kept) {
  UNWIND kept AS x
  WITH x, x.c AS c
  RETURN collect({shared_works: x.shared_works, last_year: x.last_year,
                  node: {id: c.id, labels: labels(c), hop: 1,
                         props: c {.name, .country, .source, .trust_score, .trust_band,
                                   .verification_level}}}) AS coauthors
}
CALL (a) {
  MATCH (a)-[:AUTHORED]->(w:Work)-[r:ABOUT]->(t:Topic)
  WHERE r.score >= $topic_min_score
  WITH t, count(DISTINCT w) AS works
  ORDER BY works DESC, t.id
  WITH collect({works: works, node: {id: t.id, labels: labels(t), hop: 1,
                                     props: t {.name, .source}}}) AS ranked
  RETURN size(ranked) AS topics_total, ranked[..$topics] AS topics
}
CALL (a) {
  MATCH (a)-[r:AFFILIATED_WITH]->(i:Institution)
  WITH i, max(coalesce(r.end_year, 9999)) AS until, min(r.start_year) AS start_year,
       max(r.end_year) AS end_year
  ORDER BY until DESC, i.id
  WITH collect({start_year: start_year, end_year: end_year,
                node: {id: i.id, labels: labels(i), hop: 1,
                       props: i {.name, .country, .type}}}) AS ranked
  RETURN size(ranked) AS institutions_total, ranked[..$institutions] AS institutions
}
CALL (a) {
  MATCH (a)-[:AUTHORED]->(w:Work)-[:PUBLISHED_IN]->(v:Venue)
  WITH v, count(DISTINCT w) AS works
  ORDER BY works DESC, v.id
  WITH collect({works: works, node: {id: v.id, labels: labels(v), hop: 1,
                                     props: v {.name, .type}}}) AS ranked
  RETURN size(ranked) AS venues_total, ranked[..$venues] AS venues
}
RETURN {id: a.id, labels: labels(a), hop: 0,
        props: a {.name, .country, .source, .trust_score, .trust_band,
                  .verification_level}} AS author,
       COUNT { (a)-[:AUTHORED]->(:Work) } AS works, collaborators_total, topics_total,
       institutions_total, venues_total, coauthors, links, topics, institutions, venues
