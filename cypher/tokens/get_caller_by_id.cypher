// A token by id and the user it was issued to, to act for a claim's starting token (the
// ORCID callback carries no bearer token). Contract: $id; returns token_id, expires_at,
// revoked_at (datetime or null), user (map: id, email, display_name, is_admin); no row when
// no token has this id.
MATCH (t:Token {id: $id})-[:ISSUED_TO]->(u:User)
RETURN t.id AS token_id, t.expires_at AS expires_at, t.revoked_at AS revoked_at,
       u {.id, .email, .display_name, .is_admin} AS user
