// Revokes a token; idempotent, the first revocation time is kept. Contract: $id; returns
// token (map: id, name, user_id, created_at, expires_at, revoked_at); no row when no token
// has that id.
MATCH (t:Token {id: $id})
SET t.revoked_at = coalesce(t.revoked_at, datetime())
RETURN t {.id, .name, .user_id, .created_at, .expires_at, .revoked_at} AS token
