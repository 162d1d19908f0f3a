// One invitation with the user who now holds the recipient record (the one who may answer).
// Contract: $id; returns invitation (map: id, message, status, at, responded_at,
// from_author, from_name, to_author, to_name, from_user_id, to_user_id), recipient_id (user
// id or null); no row when no invitation has that id.
MATCH (fa:Author)<-[:FROM]-(i:Invitation {id: $id})-[:TO]->(ta:Author)
RETURN i {.id, .message, .status, .at, .responded_at, .from_user_id, .to_user_id,
          from_author: fa.id, from_name: fa.name, to_author: ta.id,
          to_name: ta.name} AS invitation,
       [(u:User)-[:CLAIMED]->(ta) | u.id][0] AS recipient_id
