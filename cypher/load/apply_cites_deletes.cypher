// Removes citation edges by (citing, cited) work ids (a release diff's deleted citations).
// An end that is a stub and has no edge left goes too: it existed only for that citation.
// Contract: $rows = [{work_id, cited_id}]; returns changed (int, edges removed).
UNWIND $rows AS row
MATCH (w:Work {id: row.work_id})-[r:CITES]->(c:Work {id: row.cited_id})
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
