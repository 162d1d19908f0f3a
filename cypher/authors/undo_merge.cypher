// Undoes a person's merge of a duplicate author (cypher/load/fold_authors with an undo
// snapshot on its alias): the duplicate comes back with its properties and its edges, the
// survivor gets its own properties back and loses the edges it had only from the
// duplicate, the aliases that pointed at the duplicate before the merge point at it again,
// and the merge's alias goes. Only while the alias still points at the merge's survivor
// (a later merge of that survivor is undone first: Python checks).
// Contract: $old_id (the duplicate's id), $survivor_props, $old_props (maps, id included),
// $authored, $affiliated, $follows, $claimed (lists of {end, props, survivor_had}),
// $aliases (alias ids); returns id (the survivor's), none when no merge of $old_id by a
// person is recorded onto $survivor_props.id.
MATCH (al:Alias {id: 'author:' + $old_id})-[:ALIAS_OF]->(s:Author {id: $survivor_props.id})
WHERE al.source IN ['admin', 'claimant']
CREATE (old:Author)
SET old = $old_props, old.changed_at = datetime(), s = $survivor_props,
    s.changed_at = datetime()
WITH al, s, old
CALL (s, old) {
  UNWIND $authored AS e MATCH (w:Work {id: e.end})
  MERGE (old)-[r:AUTHORED]->(w) SET r = e.props
  WITH s, w, e WHERE NOT e.survivor_had
  MATCH (s)-[gone:AUTHORED]->(w) DELETE gone }
CALL (s, old) {
  UNWIND $affiliated AS e MATCH (i:Institution {id: e.end})
  MERGE (old)-[r:AFFILIATED_WITH]->(i) SET r = e.props
  WITH s, i, e WHERE NOT e.survivor_had
  MATCH (s)-[gone:AFFILIATED_WITH]->(i) DELETE gone }
CALL (s, old) {
  UNWIND $follows AS e MATCH (u:User {id: e.end})
  MERGE (u)-[r:FOLLOWS]->(old) SET r = e.props
  WITH s, u, e WHERE NOT e.survivor_had
  MATCH (u)-[gone:FOLLOWS]->(s) DELETE gone }
CALL (s, old) {
  UNWIND $claimed AS e MATCH (u:User {id: e.end})
  MERGE (u)-[r:CLAIMED]->(old) SET r = e.props
  WITH s, u, e WHERE NOT e.survivor_had
  MATCH (u)-[gone:CLAIMED]->(s) DELETE gone }
CALL (s, old) {
  UNWIND $aliases AS alias_id
  MATCH (moved:Alias {id: alias_id})-[back:ALIAS_OF]->(s)
  DELETE back
  MERGE (moved)-[:ALIAS_OF]->(old)
  SET moved.target_id = old.id }
DETACH DELETE al
RETURN s.id AS id
