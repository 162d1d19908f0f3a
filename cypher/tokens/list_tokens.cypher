// A user's tokens (never their hashes), newest first. Contract: $user_id; returns token
// (map: id, name, user_id, created_at, expires_at, revoked_at), one row per token.
MATCH (t:Token {user_id: $user_id})
RETURN t {.id, .name, .user_id, .created_at, .expires_at, .revoked_at} AS token
ORDER BY t.created_at DESC, t.id
