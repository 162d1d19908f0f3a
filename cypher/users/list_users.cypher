// Platform users, newest first, for admins. Contract: $skip, $limit (ints); returns user
// (map: id, email, display_name, is_admin, created_at), one row per user.
MATCH (u:User)
RETURN u {.id, .email, .display_name, .is_admin, .created_at} AS user
ORDER BY u.created_at DESC, u.id
SKIP $skip LIMIT $limit
