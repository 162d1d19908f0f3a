// BENCH ONLY: removes what bench/identity.py made in the graph. Contract: $ids (the ids of
// the users it made through the service); returns nothing.
MATCH (n)
WHERE n.id IN $ids
   OR (n:User AND (n.id STARTS WITH 'bench-' OR n.email ENDS WITH '@bench.invalid'))
   OR (n:Token AND n.id STARTS WITH 'bench-') OR (n:AuditEvent AND n.id STARTS WITH 'bench-')
DETACH DELETE n
