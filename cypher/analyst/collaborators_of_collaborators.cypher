// title: Collaborators of collaborators, not yet collaborators
// description: People an author could be introduced to: co-authors of their co-authors
// description: (COLLABORATES_WITH, read undirected) who have not worked with the author,
// description: ranked by how many collaborators they share.
// param: author string | Author id, e.g. researcher1
// param: min_shared_works int = 1 | Only count collaborations with at least this many shared works
// param: limit int = 25 | How many suggestions
// returns: author_id, name, trust_score, shared_collaborators, via
MATCH (a:Author {id: $author})-[r1:COLLABORATES_WITH]-(c:Author)-[r2:COLLABORATES_WITH]-(f:Author)
WHERE f <> a
  AND r1.shared_works >= $min_shared_works AND r2.shared_works >= $min_shared_works
  AND NOT EXISTS { (a)-[:COLLABORATES_WITH]-(f) }
WITH f, collect(DISTINCT c.id) AS via
RETURN f.id AS author_id, f.name AS name, f.trust_score AS trust_score,
       size(via) AS shared_collaborators, via
ORDER BY shared_collaborators DESC, author_id
LIMIT $limit
