// Gives the record to a user: any other holder loses it (only an admin's resolution of a
// dispute gets here with one), the author becomes claimed and identity-verified at the
// claim's level and is marked for rescoring. The user is an opaque (:User {id}) node: the
// graph keeps nothing else about users. Contract: $author_id, $user_id, $method ('email' |
// 'orcid' | 'review'), $level ('L2' | 'L3'), $label (the level's label), $reasons (list of strings);
// returns author_id, level, previous (ids of users who lost the record); no row when no
// author has that id.
MATCH (a:Author {id: $author_id})
MERGE (u:User {id: $user_id})
WITH a, u
CALL (a, u) {
  OPTIONAL MATCH (other:User)-[old:CLAIMED]->(a)
  WHERE other <> u
  DELETE old
  RETURN collect(DISTINCT other.id) AS previous
}
MERGE (u)-[r:CLAIMED]->(a)
SET r.at = datetime(), r.method = $method,
    a.claimed = true, a.identity_verified = true, a.verified_by = $method, a.affiliation_verified = $level = 'L3',
    a.verification_level = $level, a.verification_label = $label,
    a.verification_reasons = $reasons, a.changed_at = datetime()
RETURN a.id AS author_id, $level AS level, previous
