// Deletes up to $batch nodes with their relationships; call until it returns fewer. Tests
// and `peergraph db wipe` use it (through delete_everything, after
// delete_relationships_batch has taken the edges): batching keeps one transaction's memory
// bounded.
// Contract: $batch (int); returns deleted (int).
MATCH (n)
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
