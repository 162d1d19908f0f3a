// Stores the fitted topic model (one node, replaced by each full run).
// Contract: $data (bytes), $run_id, $topics (int); returns run_id.
MERGE (m:TopicModel {id: 'peergraph'})
SET m.data = $data, m.run_id = $run_id, m.topics = $topics, m.fitted = datetime()
RETURN m.run_id AS run_id
