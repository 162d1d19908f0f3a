// BENCH ONLY: a follow as it was written before the accounts store: the edge and its audit
// event in one graph transaction (the old merge_follow + create_event). Contract: $user_id,
// $author_id, $event_id; returns followers.
MATCH (u:User {id: $user_id}), (a:Author {id: $author_id})
MERGE (u)-[f:FOLLOWS]->(a)
  ON CREATE SET f.at = datetime(), a.changed_at = datetime()
CREATE (e:AuditEvent {id: $event_id, at: datetime(), user_id: $user_id,
                      action: 'follow.create', target: a.id})
RETURN COUNT { (:User)-[:FOLLOWS]->(a) } AS followers
