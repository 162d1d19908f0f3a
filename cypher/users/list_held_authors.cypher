// The author records a user holds (has claimed). Contract: $user_id; returns id, one row
// per held author.
MATCH (:User {id: $user_id})-[:CLAIMED]->(a:Author)
RETURN a.id AS id
ORDER BY id
