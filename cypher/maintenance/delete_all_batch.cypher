// Deletes up to $batch nodes with their relationships; call until it returns 0. Tests and
// `peergraph db wipe` use it; batching keeps one transaction's memory bounded.
// Contract: $batch (int); returns deleted (int).
MATCH (n)
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
