// Full-text search over author names (the author_names Lucene index), best score first.
// Contract: $q (Lucene query string), $limit (int); returns rows id, label (name), score
// (float), props ({trust_score, trust_band, verification_level, works}).
CALL db.index.fulltext.queryNodes('author_names', $q, {limit: $limit}) YIELD node, score
RETURN node.id AS id, node.name AS label, score,
       node {.trust_score, .trust_band, .verification_level,
             works: COUNT { (node)-[:AUTHORED]->() }} AS props
