// The same SET as scoring/set_author_score, batched with UNWIND: bench/score.py's batched side
// of the write-back comparison. Not used by the rescoring job (it stages and switches).
// Contract: $rows = [{id, value, band, breakdown, verification_level, verification_label,
// verification_reasons}]; returns written (int).
UNWIND $rows AS row
MATCH (a:Author {id: row.id})
SET a.trust_score = row.value, a.trust_band = row.band, a.trust_breakdown = row.breakdown,
    a.scored_at = datetime(), a.verification_level = row.verification_level,
    a.verification_label = row.verification_label,
    a.verification_reasons = row.verification_reasons
RETURN count(a) AS written
