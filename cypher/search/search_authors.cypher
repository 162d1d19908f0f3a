// Full-text search over author names (the author_names Lucene index), best score first.
// Contract: $q (Lucene query string), $skip, $limit (ints: hits passed over, hits returned);
// returns rows id, label (name), score (float), props ({trust_score, trust_band,
// verification_level, works, institution: the name of the latest affiliation or null}).
CALL db.index.fulltext.queryNodes('author_names', $q, {skip: $skip, limit: $limit})
YIELD node, score
RETURN node.id AS id, node.name AS label, score,
       node {.trust_score, .trust_band, .verification_level,
             works: COUNT { (node)-[:AUTHORED]->() },
             institution: COLLECT { MATCH (node)-[f:AFFILIATED_WITH]->(i:Institution)
                                    WITH i, f
                                    ORDER BY coalesce(f.end_year, 9999) DESC,
                                             coalesce(f.start_year, 0) DESC, i.id
                                    RETURN i.name LIMIT 1 }[0]} AS props
