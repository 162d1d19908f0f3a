// Deletes up to $batch relationships; call until it returns fewer. delete_everything runs
// it before delete_all_batch, so that one node with a million edges (a hub author) never
// puts a million deletes into one transaction.
// Contract: $batch (int); returns deleted (int).
MATCH ()-[r]->()
WITH r LIMIT $batch
DELETE r
RETURN count(*) AS deleted
