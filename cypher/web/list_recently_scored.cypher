// The most recently scored authors, for the home page (served by the author_scored_at
// index). Contract: $limit (int); returns id, name, trust_score (int), trust_band,
// verification_level, scored_at (datetime), newest first.
MATCH (a:Author)
WHERE a.scored_at IS NOT NULL
RETURN a.id AS id, a.name AS name, a.trust_score AS trust_score, a.trust_band AS trust_band,
       a.verification_level AS verification_level, a.scored_at AS scored_at
ORDER BY a.scored_at DESC, a.id
LIMIT $limit
