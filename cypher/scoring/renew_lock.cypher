// Extends $owner's lease on the lock $name; 0 rows changed means the lease was lost.
// Contract: $name, $owner, $lease_s (int); returns renewed (int, 0 or 1).
MATCH (l:Lock {id: $name})
WHERE l.owner = $owner
SET l.expires = datetime() + duration({seconds: $lease_s})
RETURN count(l) AS renewed
