// The node each of a batch's work ids was folded into (fold_works), so that rows naming a
// work by its source's id (a citation, an abstract, a byline) reach the joined node.
// Contract: $ids (list of work ids); returns id (one of $ids) and target (the node's id),
// only for ids that have such an alias.
UNWIND $ids AS key
MATCH (:Alias {id: 'work:' + key})-[:ALIAS_OF]->(w:Work)
RETURN key AS id, w.id AS target
