// Releases the lock $name if $owner holds it.
// Contract: $name, $owner; returns released (int, 0 or 1).
MATCH (l:Lock {id: $name})
WHERE l.owner = $owner
REMOVE l.owner, l.expires
RETURN count(l) AS released
