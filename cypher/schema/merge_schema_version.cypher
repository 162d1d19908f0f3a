// Records that the schema files were applied, so /ready can tell.
// Contract: $version (string), $applied_at (ISO datetime string); returns version.
MERGE (v:SchemaVersion {id: 'peergraph'})
SET v.version = $version, v.applied_at = datetime($applied_at)
RETURN v.version AS version
