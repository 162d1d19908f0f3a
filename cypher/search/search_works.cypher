// Full-text search over work titles and abstracts (the work_text Lucene index), best first.
// Contract: $q (Lucene query string), $skip, $limit (ints: hits passed over, hits returned);
// returns rows id, label (title), score (float), props ({year, type, abstract, authors:
// the first $max_authors as [{id, name}] in byline order, author_count}).
CALL db.index.fulltext.queryNodes('work_text', $q, {skip: $skip, limit: $limit})
YIELD node, score
RETURN node.id AS id, node.title AS label, score,
       node {.year, .type, .abstract,
             authors: COLLECT { MATCH (a:Author)-[r:AUTHORED]->(node)
                                WITH a, r ORDER BY r.position, a.id LIMIT $max_authors
                                RETURN a {.id, .name} },
             author_count: COUNT { (node)<-[:AUTHORED]-() }} AS props
