// The most trusted scored authors, for the home page (served by the author_trust_score
// index). Contract: $limit (int); returns id, name, trust_score (int), trust_band,
// verification_level, scored_at (datetime or null), highest score first.
MATCH (a:Author)
WHERE a.trust_score IS NOT NULL
RETURN a.id AS id, a.name AS name, a.trust_score AS trust_score, a.trust_band AS trust_band,
       a.verification_level AS verification_level, a.scored_at AS scored_at
ORDER BY a.trust_score DESC, a.id
LIMIT $limit
