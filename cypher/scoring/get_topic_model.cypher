// The topic model of the last full run (numpy npz bytes), for incremental runs.
// Contract: no parameters; returns data (bytes), run_id; no row when no model was stored.
MATCH (m:TopicModel {id: 'peergraph'})
RETURN m.data AS data, m.run_id AS run_id
