// Claims as the graph kept them before the accounts store (codes and OAuth states as
// unkeyed sha256 hashes). Contract: no parameters; returns claim (map of every property
// the old code set: id, user_id, token_id, author_id, method, status, level, attempts,
// code_hash, state_hash, sent_to, created_at, expires_at, verified_at, resolved_at,
// resolved_by, disputed_with, superseded_at, last_failure, last_failure_at), one row each.
MATCH (c:Claim)
RETURN properties(c) AS claim
