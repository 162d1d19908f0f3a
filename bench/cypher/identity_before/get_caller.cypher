// BENCH ONLY: how a token was checked before the accounts store (issue 14), against Token
// nodes in the graph: the baseline bench/identity.py measures the store against.
// Contract: $hash (hex sha256 of the secret); returns token_id, expires_at, revoked_at, user.
MATCH (t:Token {hash: $hash})-[:ISSUED_TO]->(u:User)
RETURN t.id AS token_id, t.expires_at AS expires_at, t.revoked_at AS revoked_at,
       u {.id, .email, .display_name, .is_admin} AS user
