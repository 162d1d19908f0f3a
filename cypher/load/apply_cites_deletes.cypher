// Removes citation edges by (citing, cited) work ids (a release diff's deleted citations),
// unless the citing work is also held by a source named in the row's kept_by (one node per
// paper: the edge does not say which source listed it, and that source still does). An end
// that is a stub and has no edge left goes too: it existed only for that citation.
// Contract: $rows = [{work_id, cited_id, kept_by?: [source]}] (ids already pointed at the
// nodes they were folded into); returns changed (int, edges removed).
UNWIND $rows AS row
MATCH (w:Work {id: row.work_id})-[r:CITES]->(c:Work {id: row.cited_id})
WHERE NOT any(s IN coalesce(w.sources, [w.source]) WHERE s IN coalesce(row.kept_by, []))
WITH collect(r) AS links, collect(DISTINCT w) + collect(DISTINCT c) AS ends
FOREACH (r IN links | DELETE r)
WITH links, ends
CALL {
  WITH ends
  UNWIND ends AS n
  WITH DISTINCT n WHERE n.is_stub AND NOT EXISTS { (n)--() }
  DELETE n
}
RETURN size(links) AS changed
