// Finds, for each work row of a batch, the stored works it may be the same paper as: the
// node of its own id or of an alias of it (a record folded into another source's node),
// and every work sharing one of its strong ids (each through its own index). Only rows
// that meet another source's work, or a node holding other sources, come back: the
// others are plain updates of their own node (merge_works). Python decides what joins
// (loaders/work_identity.py).
// Contract: $rows = [{id, source, doi?, arxiv_id?, pmid?, mag_id?, s2_corpus_id?}]
// (absent ids null); returns id (the row's) and nodes (list of property maps, id included).
UNWIND $rows AS row
CALL (row) {
  MATCH (:Alias {id: 'work:' + row.id})-[:ALIAS_OF]->(w:Work) RETURN w
  UNION
  MATCH (w:Work {id: row.id}) RETURN w
  UNION
  MATCH (w:Work {doi: row.doi}) RETURN w
  UNION
  MATCH (w:Work {arxiv_id: row.arxiv_id}) RETURN w
  UNION
  MATCH (w:Work {pmid: row.pmid}) RETURN w
  UNION
  MATCH (w:Work {mag_id: row.mag_id}) RETURN w
  UNION
  MATCH (w:Work {s2_corpus_id: row.s2_corpus_id}) RETURN w
}
WITH row, collect(w) AS found
WHERE any(w IN found WHERE w.id <> row.id
          OR any(s IN coalesce(w.sources, [w.source]) WHERE s <> row.source))
RETURN row.id AS id, [w IN found | w {.*}] AS nodes
