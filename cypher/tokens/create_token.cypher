// Issues a token to a user; only the sha256 of its secret is stored, never the secret.
// Contract: $user_id, $id, $hash (hex sha256 of the secret), $name (string or null),
// $expires_at (ISO datetime string); returns token (map: id, name, user_id, created_at,
// expires_at, revoked_at); no row when no user has that id.
MATCH (u:User {id: $user_id})
CREATE (t:Token {id: $id, hash: $hash, user_id: u.id, created_at: datetime(),
                 expires_at: datetime($expires_at)})-[:ISSUED_TO]->(u)
SET t.name = $name
RETURN t {.id, .name, .user_id, .created_at, .expires_at, .revoked_at} AS token
