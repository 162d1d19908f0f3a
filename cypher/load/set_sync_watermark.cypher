// Moves one entity's sync watermark forward (never back: a sync that loaded less than an
// earlier one leaves it). Contract: $source, $entity, $watermark (YYYY-MM-DD), $run_id
// (strings); returns watermark (the stored one after the write).
MERGE (s:SyncState {key: $source + '/' + $entity})
ON CREATE SET s.source = $source, s.entity = $entity
WITH s
SET s.watermark = CASE WHEN s.watermark IS NULL OR s.watermark < $watermark
                       THEN $watermark ELSE s.watermark END,
    s.run_id = CASE WHEN s.watermark = $watermark THEN $run_id ELSE s.run_id END,
    s.updated = datetime()
RETURN s.watermark AS watermark
