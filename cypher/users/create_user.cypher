// Creates a platform user; the unique constraint on User.email refuses a second user with
// the same address. Contract: $id, $email (lower-case), $display_name, $is_admin (bool);
// returns user (map: id, email, display_name, is_admin, created_at).
CREATE (u:User {id: $id, email: $email, display_name: $display_name, is_admin: $is_admin,
                created_at: datetime()})
RETURN u {.id, .email, .display_name, .is_admin, .created_at} AS user
