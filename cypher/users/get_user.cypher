// One platform user by id. Contract: $id; returns user (map: id, email, display_name,
// is_admin, created_at); no row when no user has that id.
MATCH (u:User {id: $id})
RETURN u {.id, .email, .display_name, .is_admin, .created_at} AS user
