// Invitations as the graph kept them before the accounts store, with the authors they
// join. Contract: no parameters; returns invitation (map: id, message, status, at,
// responded_at, from_user_id, to_user_id, from_author_id, to_author_id), one row each.
MATCH (fa:Author)<-[:FROM]-(i:Invitation)-[:TO]->(ta:Author)
RETURN i {.id, .message, .status, .at, .responded_at, .from_user_id, .to_user_id,
          from_author_id: fa.id, to_author_id: ta.id} AS invitation
