// Claims, newest first; each filter is optional (null = any). Contract: $user_id, $status
// (string or null), $skip, $limit (ints); returns claim (map: id, method, status,
// author_id, user_id, sent_to, level, attempts, created_at, expires_at, verified_at,
// resolved_at, resolved_by, disputed_with).
MATCH (c:Claim)
WHERE ($user_id IS NULL OR c.user_id = $user_id) AND ($status IS NULL OR c.status = $status)
RETURN c {.id, .method, .status, .author_id, .user_id, .sent_to, .level, .attempts,
          .created_at, .expires_at, .verified_at, .resolved_at, .resolved_by,
          .disputed_with} AS claim
ORDER BY c.created_at DESC, c.id
SKIP $skip LIMIT $limit
