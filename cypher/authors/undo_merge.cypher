// Undoes an admin's merge of a duplicate author (cypher/load/fold_authors with an undo
// snapshot on its alias): the duplicate comes back with its properties and its edges, the
// survivor gets its own properties back and loses the edges it had only from the
// duplicate, and the alias goes.
// Contract: $old_id (the duplicate's id), $survivor_props, $old_props (maps, id included),
// $authored, $affiliated, $follows, $claimed (lists of {end, props, survivor_had});
// returns id (the survivor's), none when no admin merge of $old_id is recorded.
MATCH (al:Alias {id: 'author:' + $old_id, source: 'admin'})-[:ALIAS_OF]->(s:Author)
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
DETACH DELETE al
RETURN s.id AS id
