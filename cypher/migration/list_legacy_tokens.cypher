// API tokens as the graph kept them before the accounts store (an unkeyed sha256 hash).
// Contract: no parameters; returns token (map: id, user_id, hash, name, created_at,
// expires_at, revoked_at), one row per token.
MATCH (t:Token)
RETURN t {.id, .user_id, .hash, .name, .created_at, .expires_at, .revoked_at} AS token
