// One author's score written directly with SET: the per-row baseline bench/score.py compares
// the batched write-back against. Not used by the rescoring job.
// Contract: $id, $value (int), $band, $breakdown (JSON string), $verification_level,
// $verification_label, $verification_reasons; returns id.
MATCH (a:Author {id: $id})
SET a.trust_score = $value, a.trust_band = $band, a.trust_breakdown = $breakdown,
    a.scored_at = datetime(), a.verification_level = $verification_level,
    a.verification_label = $verification_label,
    a.verification_reasons = $verification_reasons
RETURN a.id AS id
