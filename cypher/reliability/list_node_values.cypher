// Every node but the bookkeeping ones (load runs, sync watermarks, the schema version), with
// its labels, id and properties: two graphs compared label by label (counts, property keys, a checksum of
// the values), e.g. `peergraph import` against `peergraph load` of the same input.
// Contract: no parameters; returns labels (list of strings), id (string), props (map).
MATCH (n)
WHERE NOT n:LoadRun AND NOT n:SyncState AND NOT n:SchemaVersion
RETURN labels(n) AS labels, n.id AS id, properties(n) AS props
