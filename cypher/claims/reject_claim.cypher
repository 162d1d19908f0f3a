// An admin refuses a disputed claim; the record stays with its claimant. Contract: $id,
// $resolved_by (admin user id); returns id, status; no row unless the claim is disputed.
MATCH (c:Claim {id: $id, status: 'disputed'})
SET c.status = 'rejected', c.resolved_at = datetime(), c.resolved_by = $resolved_by
RETURN c.id AS id, c.status AS status
