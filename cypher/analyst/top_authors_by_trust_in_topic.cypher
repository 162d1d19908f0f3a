// title: Top authors by trust in a topic
// description: Scored authors who wrote about a topic (matched by id, or by a part of its
// description: name, case-insensitively; no topic: all of them), highest trust score first.
// param: topic string = "" | Topic id or part of its name (empty: every topic), e.g. learning
// param: limit int = 25 | How many authors
// returns: author_id, name, trust_score, trust_band, verification_level, works, topics
MATCH (t:Topic)
WHERE t.id = $topic OR toLower(t.name) CONTAINS toLower($topic)
MATCH (a:Author)-[:AUTHORED]->(w:Work)-[:ABOUT]->(t)
WHERE a.trust_score IS NOT NULL
WITH a, count(DISTINCT w) AS works, collect(DISTINCT t.name) AS topic_names
RETURN a.id AS author_id, a.name AS name, a.trust_score AS trust_score,
       a.trust_band AS trust_band, a.verification_level AS verification_level,
       works, topic_names[..5] AS topics
ORDER BY trust_score DESC, works DESC, author_id
LIMIT $limit
