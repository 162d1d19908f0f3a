// Authors whose name shares a word with an author's (the author_names full-text index): the
// candidates for its possible duplicates, best score first. Python keeps those whose
// normalised name is the author's (core/names.py), so the index only narrows the search.
// A pair a person rejected (NOT_DUPLICATE, either way) is left out.
// Contract: $id (the author's id), $q (Lucene query of quoted words), $limit (int);
// returns id, name.
MATCH (a:Author {id: $id})
CALL db.index.fulltext.queryNodes('author_names', $q, {limit: $limit}) YIELD node
WITH a, node WHERE node <> a AND NOT EXISTS { (a)-[:NOT_DUPLICATE]-(node) }
RETURN node.id AS id, node.name AS name
