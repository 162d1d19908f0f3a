// The user follows the author; idempotent (the first time is kept). A new edge marks the
// author for rescoring (followers are a trust signal). Contract: $user_id, $author_id;
// returns author_id, since (datetime), followers (int); no row when no author has that id.
// The user is an opaque (:User {id}) node, made on its first follow or claim: the graph
// keeps nothing else about users (their accounts live in the accounts store).
MATCH (a:Author {id: $author_id})
MERGE (u:User {id: $user_id})
MERGE (u)-[f:FOLLOWS]->(a)
  ON CREATE SET f.at = datetime(), a.changed_at = datetime()
RETURN a.id AS author_id, f.at AS since, COUNT { (:User)-[:FOLLOWS]->(a) } AS followers
