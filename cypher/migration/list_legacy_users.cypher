// Users as the graph kept them before the accounts store (with their e-mail), to move them
// there. Contract: no parameters; returns user (map: id, email, display_name, is_admin,
// created_at), one row per user not yet moved (a moved user keeps only its id).
MATCH (u:User)
WHERE u.email IS NOT NULL
RETURN u {.id, .email, .display_name, .is_admin, .created_at} AS user
