// The works two authors share, newest first (then most cited, then id), for the explorer's
// "shared works" expansion of a collaboration edge (GET /api/v1/authors/{id}/shared-works).
// Contract: $id, $other (author ids), $limit (int); returns one row, none when either author
// is missing: author, other (node maps {id, labels, hop, props}), total (int: all shared
// works), works (list of node maps, at most $limit, display properties of the neighbourhood).
MATCH (a:Author {id: $id}), (o:Author {id: $other})
CALL (a, o) {
  MATCH (a)-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(o)
  WITH DISTINCT w
  ORDER BY coalesce(w.year, -1) DESC, coalesce(w.cited_by_count, 0) DESC, w.id
  WITH collect(w) AS ranked
  RETURN size(ranked) AS total, ranked[..$limit] AS works
}
RETURN {id: a.id, labels: labels(a), hop: 0, props: a {.name, .trust_score}} AS author,
       {id: o.id, labels: labels(o), hop: 1, props: o {.name, .trust_score}} AS other,
       total,
       [w IN works | {id: w.id, labels: labels(w), hop: 1,
                      props: w {.title, .year, .type, .cited_by_count}}] AS works
