// The stored works a source's deleted records name (an S2AG diff's deleted papers), by the
// node's own id or by the alias a fold left ('work:<id>'): what loaders/work_removal.py
// needs to remove the whole work, or only that source's part of a work other sources hold.
// Contract: $ids (work ids as the source names them); returns id (one of $ids) and node
// (property map), one row per id that names a work.
UNWIND $ids AS key
CALL (key) {
  MATCH (w:Work {id: key})
  RETURN w
  UNION
  MATCH (:Alias {id: 'work:' + key})-[:ALIAS_OF]->(w:Work)
  RETURN w
}
RETURN key AS id, w {.*} AS node
