// The sync watermarks of one source: per entity, the updated_date of the newest partition
// up to which every partition loaded completely (peergraph sync).
// Contract: $source (string); returns rows entity (string), watermark (string YYYY-MM-DD),
// run_id (the sync's load run that set it), updated (datetime).
MATCH (s:SyncState {source: $source})
RETURN s.entity AS entity, s.watermark AS watermark, s.run_id AS run_id, s.updated AS updated
ORDER BY entity
