// The token with this hash and the user it was issued to, to authenticate a request.
// Contract: $hash (hex sha256 of the presented secret); returns token_id, expires_at,
// revoked_at (datetime or null), user (map: id, email, display_name, is_admin); no row
// when no token has this hash.
MATCH (t:Token {hash: $hash})-[:ISSUED_TO]->(u:User)
RETURN t.id AS token_id, t.expires_at AS expires_at, t.revoked_at AS revoked_at,
       u {.id, .email, .display_name, .is_admin} AS user
