// Full-text search over work titles and abstracts (the work_text Lucene index), best first.
// Contract: $q (Lucene query string), $limit (int); returns rows id, label (title), score
// (float), props ({year, type, abstract}).
CALL db.index.fulltext.queryNodes('work_text', $q, {limit: $limit}) YIELD node, score
RETURN node.id AS id, node.title AS label, score, node {.year, .type, .abstract} AS props
