// Audit events, newest first, for admins; each filter is optional (null = any). Contract:
// $user_id, $action (string or null), $before (ISO datetime string or null), $limit (int);
// returns event (map: id, at, user_id, token_id, action, target, detail).
MATCH (e:AuditEvent)
WHERE ($user_id IS NULL OR e.user_id = $user_id)
  AND ($action IS NULL OR e.action = $action)
  AND ($before IS NULL OR e.at < datetime($before))
RETURN e {.id, .at, .user_id, .token_id, .action, .target, .detail} AS event
ORDER BY e.at DESC, e.id DESC
LIMIT $limit
