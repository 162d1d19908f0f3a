// Takes the claim's write lock (so concurrent verifications of one claim run one after the
// other) and reads what verifying needs. Contract: $id; returns claim (map: id, method,
// status, user_id, author_id, code_hash, level, attempts, expires_at, expired (bool));
// no row when no claim has that id.
MATCH (c:Claim {id: $id})
SET c._lock = true
REMOVE c._lock
RETURN c {.id, .method, .status, .user_id, .author_id, .code_hash, .level, .attempts,
          .expires_at, expired: c.expires_at <= datetime()} AS claim
