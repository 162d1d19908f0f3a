// Creates an invitation from one claimed author to another, unless one between them is
// already pending. Contract: $id, $user_id (sender), $from_author_id, $to_user_id,
// $to_author_id, $message; returns pending_id (the invitation already pending, or null)
// and invitation (map: id, message, status, at, from_author, to_author, from_user_id,
// to_user_id; null when one was pending); no row when either side no longer holds its record.
MATCH (fu:User {id: $user_id})-[:CLAIMED]->(fa:Author {id: $from_author_id})
MATCH (:User {id: $to_user_id})-[:CLAIMED]->(ta:Author {id: $to_author_id})
OPTIONAL MATCH (fa)<-[:FROM]-(dup:Invitation {status: 'pending'})-[:TO]->(ta)
WITH fu, fa, ta, collect(dup.id)[0] AS pending_id
CALL (fu, fa, ta, pending_id) {
  WITH * WHERE pending_id IS NULL
  CREATE (fu)-[:SENT]->(i:Invitation {id: $id, message: $message, status: 'pending',
                                      at: datetime(), from_user_id: fu.id,
                                      to_user_id: $to_user_id})
  CREATE (fa)<-[:FROM]-(i)-[:TO]->(ta)
  RETURN i {.id, .message, .status, .at, .from_user_id, .to_user_id, from_author: fa.id,
            to_author: ta.id} AS invitation
  UNION
  WITH * WHERE pending_id IS NOT NULL
  RETURN null AS invitation
}
RETURN pending_id, invitation
