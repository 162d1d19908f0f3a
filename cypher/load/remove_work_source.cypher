// Takes one source's part out of works other sources hold too (one node per paper: an S2AG
// diff's deleted paper folded into another source's work). The node gets the properties
// Python computed without that source's fields (loaders/work_removal.py), its new id among
// them when the removed record named it; that source's byline (AUTHORED from its authors,
// who are marked changed), fields of study (ABOUT of that source) and venue links go, and
// its references (outgoing CITES) when no source left lists references, with any stub only
// they reached; the removed record's alias goes (and the alias of a record that now names
// the node), and the other aliases follow the node's id. Citations by other works stay.
// Contract: $rows = [{id (the node's id now), props (map, id included), source,
// drop_aliases: [alias id], drop_references: bool}]; returns changed (int, works changed).
UNWIND $rows AS row
MATCH (w:Work {id: row.id})
CALL (w, row) {
  MATCH (a:Author)-[r:AUTHORED]->(w) WHERE a.source = row.source
  SET a.changed_at = datetime()
  DELETE r }
CALL (w, row) {
  MATCH (w)-[r:ABOUT]->(:Topic) WHERE r.source = row.source
  DELETE r }
CALL (w, row) {
  MATCH (w)-[r:PUBLISHED_IN]->(v:Venue) WHERE v.source = row.source
  DELETE r }
CALL (w, row) {
  MATCH (w)-[r:CITES]->(c:Work) WHERE row.drop_references
  DELETE r
  WITH DISTINCT c WHERE c.is_stub AND NOT EXISTS { (c)--() }
  DELETE c }
CALL (row) {
  UNWIND row.drop_aliases AS alias_id
  MATCH (al:Alias {id: alias_id})
  DETACH DELETE al }
SET w = row.props, w.changed_at = datetime()
WITH w
CALL (w) {
  MATCH (al:Alias)-[:ALIAS_OF]->(w)
  SET al.target_id = w.id }
RETURN count(w) AS changed
