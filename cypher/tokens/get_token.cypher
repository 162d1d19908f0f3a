// One token by id (never its hash). Contract: $id; returns token (map: id, name, user_id,
// created_at, expires_at, revoked_at); no row when no token has that id.
MATCH (t:Token {id: $id})
RETURN t {.id, .name, .user_id, .created_at, .expires_at, .revoked_at} AS token
