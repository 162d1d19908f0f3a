// Records a person's rejection of a possible duplicate (an admin's or a claimant's): the
// two authors are two people, so the pair is never proposed again
// (cypher/authors/list_same_name_candidates).
// Contract: $id, $other (author ids); returns id, other, none when either is missing.
MATCH (a:Author {id: $id})
MATCH (b:Author {id: $other})
MERGE (a)-[r:NOT_DUPLICATE]->(b)
ON CREATE SET r.at = datetime()
RETURN a.id AS id, b.id AS other
