// The applied schema version, or no row before `init-schema` has run.
// Contract: no parameters; returns version (string).
MATCH (v:SchemaVersion {id: 'peergraph'})
RETURN v.version AS version
