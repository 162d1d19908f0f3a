// BENCH ONLY: a user and token shaped as the graph kept them before the accounts store.
// Contract: $user_id, $token_id, $hash; returns nothing.
MERGE (u:User {id: $user_id})
SET u.email = $user_id + '@bench.invalid', u.display_name = 'Bench', u.is_admin = false
MERGE (t:Token {id: $token_id})
SET t.hash = $hash, t.user_id = $user_id, t.created_at = datetime(),
    t.expires_at = datetime() + duration('P1D')
MERGE (t)-[:ISSUED_TO]->(u)
