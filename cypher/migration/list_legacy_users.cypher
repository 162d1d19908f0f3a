// Users as the graph kept them before the accounts store (with their e-mail), to move them
// there. Contract: no parameters; returns user (map: id, email, display_name, is_admin,
// created_at; a missing name is the address, a missing flag false), one row per user not
// yet moved (a moved user keeps only its id).
MATCH (u:User)
WHERE u.email IS NOT NULL
RETURN u {.id, email: toLower(u.email), display_name: coalesce(u.display_name, u.email),
          is_admin: coalesce(u.is_admin, false),
          created_at: coalesce(u.created_at, datetime())} AS user
