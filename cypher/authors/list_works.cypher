// One page of an author's works, newest first (year descending, works without a year
// last, then id ascending). Keyset pagination on that (sort_year, id) key, so a page never
// repeats or skips a work when other works are loaded meanwhile.
// Contract: $id (author id), $year_from, $year_to (int or null), $type (string or null),
// $after_year (int or null: sort_year of the last work of the previous page, -1 for no
// year), $after_id (string or null: its id), $skip (int: works passed over first, for the
// web page's numbered pages; 0 with a cursor), $limit (int: rows wanted, ask one more to
// know whether another page follows), $max_authors (int: authors listed per work);
// returns one row, none when no author has that id: id (the author's id), total (int,
// works matching the filters), items (list of {id, title, year, type, doi,
// cited_by_count, sort_year, venue, authors: [{id, name}] in byline order, author_count,
// retracted (bool|null), retraction_nature (string|null), retraction_date (ISO date
// string|null): the work's Retraction Watch notice, when one was loaded}).
MATCH (a:Author {id: $id})
CALL (a) {
  MATCH (a)-[:AUTHORED]->(w:Work)
  WHERE ($year_from IS NULL OR w.year >= $year_from)
    AND ($year_to IS NULL OR w.year <= $year_to)
    AND ($type IS NULL OR w.type = $type)
  RETURN count(w) AS total
}
CALL (a) {
  MATCH (a)-[:AUTHORED]->(w:Work)
  WHERE ($year_from IS NULL OR w.year >= $year_from)
    AND ($year_to IS NULL OR w.year <= $year_to)
    AND ($type IS NULL OR w.type = $type)
  WITH w, coalesce(w.year, -1) AS sort_year
  WHERE $after_id IS NULL OR sort_year < $after_year
     OR (sort_year = $after_year AND w.id > $after_id)
  ORDER BY sort_year DESC, w.id
  SKIP $skip
  LIMIT $limit
  RETURN collect(w {.id, .title, .year, .type, .doi, .cited_by_count, sort_year: sort_year,
    .retracted, .retraction_nature, retraction_date: toString(w.retraction_date),
    venue: COLLECT { MATCH (w)-[:PUBLISHED_IN]->(v:Venue) RETURN v {.id, .name} LIMIT 1 }[0],
    authors: COLLECT { MATCH (x:Author)-[p:AUTHORED]->(w)
                       WITH x, p ORDER BY p.position, x.id LIMIT $max_authors
                       RETURN x {.id, .name} },
    author_count: COUNT { (w)<-[:AUTHORED]-() }}) AS items
}
RETURN a.id AS id, total, items
