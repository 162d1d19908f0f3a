// Finds, for each work row of a batch, the stored works it may be the same paper as: the
// node of its own id or of an alias of it (a record folded into another source's node),
// and every work sharing one of its strong ids. Python sends one list per kind of key,
// holding only the rows that have it (no lookup of a null, no alias lookup for ids of the
// best source, which are never folded), so each key costs one index seek where it exists.
// Only rows that meet another source's work, or a node holding other sources, come back:
// the others are plain updates of their own node (merge_works). Python decides what joins
// (loaders/work_identity.py).
// Contract: $own, $aliased, $doi, $arxiv_id, $pmid, $mag_id, $s2_corpus_id = lists of
// {id, source, key} (key: the row's id, or the value of that strong id); returns id (the
// row's) and nodes (list of property maps, id included).
CALL () {
  UNWIND $own AS p MATCH (w:Work {id: p.key}) RETURN p.id AS id, p.source AS source, w
  UNION ALL
  UNWIND $aliased AS p MATCH (:Alias {id: 'work:' + p.key})-[:ALIAS_OF]->(w:Work)
  RETURN p.id AS id, p.source AS source, w
  UNION ALL
  UNWIND $doi AS p MATCH (w:Work {doi: p.key}) RETURN p.id AS id, p.source AS source, w
  UNION ALL
  UNWIND $arxiv_id AS p MATCH (w:Work {arxiv_id: p.key})
  RETURN p.id AS id, p.source AS source, w
  UNION ALL
  UNWIND $pmid AS p MATCH (w:Work {pmid: p.key}) RETURN p.id AS id, p.source AS source, w
  UNION ALL
  UNWIND $mag_id AS p MATCH (w:Work {mag_id: p.key}) RETURN p.id AS id, p.source AS source, w
  UNION ALL
  UNWIND $s2_corpus_id AS p MATCH (w:Work {s2_corpus_id: p.key})
  RETURN p.id AS id, p.source AS source, w
}
WITH id, source, collect(DISTINCT w) AS found
WHERE any(w IN found WHERE w.id <> id
          OR any(s IN coalesce(w.sources, [w.source]) WHERE s <> source))
RETURN id, [w IN found | w {.*}] AS nodes
