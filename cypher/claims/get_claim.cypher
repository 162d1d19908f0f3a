// One claim by id, without its secrets' hashes. Contract: $id; returns claim (map: id,
// method, status, author_id, user_id, sent_to, level, attempts, created_at, expires_at,
// verified_at, resolved_at, resolved_by, disputed_with); no row when no claim has that id.
MATCH (c:Claim {id: $id})
RETURN c {.id, .method, .status, .author_id, .user_id, .sent_to, .level, .attempts,
          .created_at, .expires_at, .verified_at, .resolved_at, .resolved_by,
          .disputed_with} AS claim
