// Authors to rescore in an incremental run: never scored, or their record, one of their
// works, a claim or a follow changed at or after $since.
// Contract: $since (datetime); returns id (one row per author).
MATCH (a:Author) WHERE a.scored_at IS NULL OR a.changed_at >= $since
RETURN a.id AS id
UNION
MATCH (w:Work)<-[:AUTHORED]-(a:Author) WHERE w.changed_at >= $since
RETURN a.id AS id
UNION
MATCH (:User)-[c:CLAIMED]->(a:Author) WHERE c.at >= $since
RETURN a.id AS id
UNION
MATCH (:User)-[f:FOLLOWS]->(a:Author) WHERE f.at >= $since
RETURN a.id AS id
