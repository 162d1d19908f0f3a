// Leaves each user node opaque: only its id (FOLLOWS and CLAIMED stay; the claim id on
// CLAIMED goes). Run after the users were copied. Contract: no parameters; returns
// stripped (int: users that had private properties).
MATCH (u:User)
WHERE u.email IS NOT NULL OR u.display_name IS NOT NULL OR u.is_admin IS NOT NULL
   OR u.created_at IS NOT NULL
REMOVE u.email, u.display_name, u.is_admin, u.created_at
WITH collect(u) AS users
CALL (users) {
  UNWIND users AS u
  MATCH (u)-[r:CLAIMED]->(:Author)
  REMOVE r.claim_id
}
RETURN size(users) AS stripped
