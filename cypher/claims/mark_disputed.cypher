// A verified claim on a record someone else holds: it waits for an admin, the record does
// not move. Contract: $id (the claim), $claimant_id (the user holding the record); returns
// id, status.
MATCH (c:Claim {id: $id})
SET c.status = 'disputed', c.verified_at = datetime(), c.disputed_with = $claimant_id
RETURN c.id AS id, c.status AS status
