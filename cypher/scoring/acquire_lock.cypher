// Takes the lock $name for $owner for $lease_s seconds unless someone else holds an unexpired
// lease. Writing _lock_ first takes Neo4j's write lock on the node, so two jobs cannot both
// see it free. Contract: $name, $owner, $lease_s (int); returns acquired (bool), owner,
// expires (datetime).
MERGE (l:Lock {id: $name})
SET l._lock_ = true
WITH l, (l.owner IS NULL OR l.expires < datetime() OR l.owner = $owner) AS free
SET l.owner = CASE WHEN free THEN $owner ELSE l.owner END,
    l.expires = CASE WHEN free THEN datetime() + duration({seconds: $lease_s})
                     ELSE l.expires END
REMOVE l._lock_
RETURN free AS acquired, l.owner AS owner, l.expires AS expires
