// One institution with its counts and first page of affiliated authors, most works first
// (GET /api/v1/institutions/{id}). At most $scan_cap affiliations are ranked, so a huge
// institution stays cheap.
// Contract: $id (institution id), $limit (int), $scan_cap (int); returns one row, none when
// no institution has that id: institution ({id, name, ror, country, type, domains}),
// authors (list of {id, name, works, start_year, end_year}), counts {authors}.
MATCH (i:Institution {id: $id})
CALL (i) {
  MATCH (a:Author)-[r:AFFILIATED_WITH]->(i)
  WITH a, r LIMIT $scan_cap
  WITH a, r, COUNT { (a)-[:AUTHORED]->() } AS works
  ORDER BY works DESC, a.id LIMIT $limit
  RETURN collect(a {.id, .name, works: works, start_year: r.start_year,
                    end_year: r.end_year}) AS authors
}
RETURN i {.id, .name, .ror, .country, .type, .domains} AS institution, authors,
       {authors: COUNT { (i)<-[:AFFILIATED_WITH]-() }} AS counts
