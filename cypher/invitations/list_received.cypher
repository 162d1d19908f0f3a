// Invitations to the records a user holds, newest first. Contract: $user_id, $skip,
// $limit (ints); returns invitation (map: id, message, status, at, responded_at,
// from_author, from_name, to_author, to_name, from_user_id, to_user_id).
MATCH (:User {id: $user_id})-[:CLAIMED]->(ta:Author)<-[:TO]-(i:Invitation)-[:FROM]->(fa:Author)
RETURN i {.id, .message, .status, .at, .responded_at, .from_user_id, .to_user_id,
          from_author: fa.id, from_name: fa.name, to_author: ta.id,
          to_name: ta.name} AS invitation
ORDER BY i.at DESC, i.id
SKIP $skip LIMIT $limit
