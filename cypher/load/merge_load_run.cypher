// Records a load run (made at start, updated as it goes and at the end).
// Contract: $id (string), $props (map: source, files, started, finished?, status, loaded,
// rejected, skipped, reject_file?, batch_size); returns id.
MERGE (r:LoadRun {id: $id})
SET r += $props
RETURN r.id AS id
