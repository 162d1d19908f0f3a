// Gives the record to the claim's user: any other claimant loses it (only an admin's
// resolution of a dispute gets here with one), the author becomes claimed and
// identity-verified at the claim's level and is marked for rescoring. Contract: $id (the
// claim), $label (the level's label), $reasons (list of strings), $resolved_by (admin user
// id or null); returns author_id, level, previous (ids of users who lost the record).
MATCH (c:Claim {id: $id})-[:FOR]->(a:Author)
MATCH (u:User {id: c.user_id})
CALL (a, u) {
  OPTIONAL MATCH (other:User)-[old:CLAIMED]->(a)
  WHERE other <> u
  DELETE old
  RETURN collect(DISTINCT other.id) AS previous
}
CALL (a, c) {
  MATCH (earlier:Claim {status: 'verified'})-[:FOR]->(a)
  WHERE earlier <> c
  SET earlier.status = 'superseded', earlier.superseded_at = datetime()
}
MERGE (u)-[r:CLAIMED]->(a)
SET r.at = datetime(), r.method = c.method, r.claim_id = c.id,
    c.status = 'verified', c.verified_at = coalesce(c.verified_at, datetime()),
    c.resolved_by = $resolved_by,
    c.resolved_at = CASE WHEN $resolved_by IS NULL THEN null ELSE datetime() END,
    a.claimed = true, a.identity_verified = true, a.affiliation_verified = c.level = 'L3',
    a.verification_level = c.level, a.verification_label = $label,
    a.verification_reasons = $reasons, a.changed_at = datetime()
RETURN a.id AS author_id, c.level AS level, previous
