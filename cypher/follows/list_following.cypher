// The authors a user follows, most recently followed first. Contract: $user_id, $skip,
// $limit (ints); returns id, name, since (datetime), claimed (bool), trust_score (int or
// null), one row per followed author.
MATCH (:User {id: $user_id})-[f:FOLLOWS]->(a:Author)
RETURN a.id AS id, a.name AS name, f.at AS since, coalesce(a.claimed, false) AS claimed,
       a.trust_score AS trust_score
ORDER BY since DESC, id
SKIP $skip LIMIT $limit
