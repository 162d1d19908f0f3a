// Writes the node a work record makes with the stored works it joined (one node per
// paper): the survivor gets the merged properties as one map (Python applied the field
// precedence, loaders/work_identity.py), every folded work's edges move to it (byline,
// topics, venues, citations both ways, aliases pointing at it) and the folded node goes.
// Each of its records' ids that is not its own id gets an (:Alias {id: 'work:<id>'}), so
// the id stays findable and later rows of that source reach the survivor
// (cypher/load/list_work_aliases), whichever record came first.
// Contract: $rows = [{id, props: map (id included), folded: [work id], aliases: [work id]}],
// no two rows sharing a node; returns changed (int, works written).
// The survivor is written first, the folded nodes after: its id is its own (never a
// folded node's), so the uniqueness constraint holds at every step.
UNWIND $rows AS row
MERGE (s:Work {id: row.id})
SET s = row.props, s.changed_at = datetime()
WITH s, row
CALL (s, row) {
  UNWIND row.folded AS folded_id
  MATCH (old:Work {id: folded_id})
  CALL (old, s) {
    MATCH (a)-[r:AUTHORED]->(old) MERGE (a)-[m:AUTHORED]->(s) SET m += properties(r) }
  CALL (old, s) {
    MATCH (old)-[r:ABOUT]->(t) MERGE (s)-[m:ABOUT]->(t) SET m += properties(r) }
  CALL (old, s) {
    MATCH (old)-[:PUBLISHED_IN]->(v) MERGE (s)-[:PUBLISHED_IN]->(v) }
  CALL (old, s) {
    MATCH (old)-[r:CITES]->(c) WHERE c <> s MERGE (s)-[m:CITES]->(c) SET m += properties(r) }
  CALL (old, s) {
    MATCH (c)-[r:CITES]->(old) WHERE c <> s MERGE (c)-[m:CITES]->(s) SET m += properties(r) }
  CALL (old, s) {
    MATCH (al:Alias)-[:ALIAS_OF]->(old) MERGE (al)-[:ALIAS_OF]->(s) SET al.target_id = s.id }
  DETACH DELETE old
}
CALL (s, row) {
  UNWIND row.aliases AS alias_id
  MERGE (al:Alias {id: 'work:' + alias_id})
  SET al.old_id = alias_id, al.target_id = s.id, al.source = 'matching'
  MERGE (al)-[:ALIAS_OF]->(s)
}
RETURN count(s) AS changed
