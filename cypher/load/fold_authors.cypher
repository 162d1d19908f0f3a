// Folds authors that are one person (same ORCID iD across sources) into one node: the
// survivor gets the merged properties as one map (loaders/author_matching.py), each folded
// author's edges move to it (byline, affiliations, follows, claims, aliases pointing at
// it), the folded node goes and an (:Alias {id: 'author:<folded id>'}) keeps its id
// findable. Collaborations and scores are the rescoring's to make again.
// A person's merge of a possible duplicate is the same fold with the alias marked source
// 'admin' or 'claimant' (who decided) and an undo snapshot on it
// (service/repository/author_merges.py); folding back an id that came again keeps both.
// Contract: $rows = [{id, props: map (id included), folded: [author id], alias_source?:
// 'admin' | 'claimant', undo?: JSON string}], no two rows sharing a node; returns changed
// (int, authors folded).
UNWIND $rows AS row
MATCH (s:Author {id: row.id})
SET s = row.props, s.changed_at = datetime()
WITH s, row
CALL (s, row) {
  UNWIND row.folded AS folded_id
  MATCH (old:Author {id: folded_id})
  CALL (old, s) {
    MATCH (old)-[r:AUTHORED]->(w) MERGE (s)-[m:AUTHORED]->(w) SET m += properties(r) }
  CALL (old, s) {
    MATCH (old)-[r:AFFILIATED_WITH]->(i) MERGE (s)-[m:AFFILIATED_WITH]->(i)
    SET m += properties(r) }
  CALL (old, s) {
    MATCH (u)-[r:FOLLOWS]->(old) MERGE (u)-[m:FOLLOWS]->(s) SET m += properties(r) }
  CALL (old, s) {
    MATCH (u)-[r:CLAIMED]->(old) MERGE (u)-[m:CLAIMED]->(s) SET m += properties(r) }
  CALL (old, s) {
    MATCH (al:Alias)-[:ALIAS_OF]->(old) MERGE (al)-[:ALIAS_OF]->(s) SET al.target_id = s.id }
  DETACH DELETE old
  MERGE (al:Alias {id: 'author:' + folded_id})
  SET al.old_id = folded_id, al.target_id = s.id,
      al.source = coalesce(row.alias_source, al.source, 'matching'),
      al.undo = coalesce(row.undo, al.undo)
  MERGE (al)-[:ALIAS_OF]->(s)
  RETURN count(*) AS folded
}
RETURN sum(folded) AS changed
