// Counts one failed verification of a claim: a pending claim expires, or locks once it has
// failed $max_attempts times; a used claim keeps its status. Contract: $id, $max_attempts
// (int), $reason (e.g. 'wrong_code', 'expired', 'used', 'orcid_mismatch'); returns attempts
// (int), status.
MATCH (c:Claim {id: $id})
SET c.attempts = c.attempts + 1, c.last_failure = $reason, c.last_failure_at = datetime()
SET c.status = CASE
      WHEN c.status <> 'pending' THEN c.status
      WHEN $reason = 'expired' THEN 'expired'
      WHEN c.attempts >= $max_attempts THEN 'locked'
      ELSE c.status
    END
RETURN c.attempts AS attempts, c.status AS status
