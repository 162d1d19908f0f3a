// Finds works that exist again under an id already folded into another source's work (a
// citation or abstract written by a batch beside the one that folded its paper, or an old
// graph), each joined node with them, so the loader folds them in as well (one node per
// paper, whichever batch committed first).
// Contract: no parameters; returns target (the joined work's property map) and nodes (the
// property maps of the works to fold into it).
MATCH (al:Alias {source: 'matching'})-[:ALIAS_OF]->(target:Work)
MATCH (w:Work {id: al.old_id})
RETURN target {.*} AS target, collect(w {.*}) AS nodes
