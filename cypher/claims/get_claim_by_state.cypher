// The ORCID claim an OAuth callback's `state` belongs to. Contract: $state_hash (hex
// sha256 of the state); returns id, user_id, token_id; no row when no claim has it.
MATCH (c:Claim {state_hash: $state_hash})
RETURN c.id AS id, c.user_id AS user_id, c.token_id AS token_id
