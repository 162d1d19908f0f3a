// The user stops following the author; idempotent. Removing an edge marks the author for
// rescoring. Contract: $user_id, $author_id; returns author_id, removed (bool), followers
// (int); no row when no author has that id.
MATCH (a:Author {id: $author_id})
OPTIONAL MATCH (:User {id: $user_id})-[f:FOLLOWS]->(a)
DELETE f
WITH a, count(f) AS removed
FOREACH (_ IN CASE WHEN removed > 0 THEN [1] ELSE [] END | SET a.changed_at = datetime())
RETURN a.id AS author_id, removed > 0 AS removed, COUNT { (:User)-[:FOLLOWS]->(a) } AS followers
