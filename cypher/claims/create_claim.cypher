// Starts a claim of an author record by a user; pending until verified. Secrets are stored
// only as hashes. Contract: $id, $user_id, $token_id, $author_id, $method ('email' |
// 'orcid'), $code_hash, $state_hash, $sent_to (string or null), $level ('L2' | 'L3': what a
// verification gives), $expires_at (ISO datetime string); returns claim (map: id, method,
// status, author_id, user_id, sent_to, level, attempts, created_at, expires_at).
MATCH (u:User {id: $user_id}), (a:Author {id: $author_id})
CREATE (u)-[:MADE]->(c:Claim {id: $id, method: $method, status: 'pending', user_id: u.id,
                              author_id: a.id, level: $level, attempts: 0,
                              created_at: datetime(), expires_at: datetime($expires_at)})
       -[:FOR]->(a)
SET c.token_id = $token_id, c.code_hash = $code_hash, c.state_hash = $state_hash,
    c.sent_to = $sent_to
RETURN c {.id, .method, .status, .author_id, .user_id, .sent_to, .level, .attempts,
          .created_at, .expires_at} AS claim
