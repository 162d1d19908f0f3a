// One platform user by e-mail address (the CLI's way to name a user). Contract: $email
// (lower-case); returns user (map: id, email, display_name, is_admin, created_at); no row
// when no user has that address.
MATCH (u:User {email: $email})
RETURN u {.id, .email, .display_name, .is_admin, .created_at} AS user
