// Replaces each work's computed ABOUT edges with the given ones (scores are shares, 0-1).
// Contract: $rows = [{id: work id, topics: [{id: topic id, score: float}]}];
// returns written (int, edges written).
UNWIND $rows AS row
MATCH (w:Work {id: row.id})
CALL (w, row) {
  MATCH (w)-[old:ABOUT {source: 'peergraph'}]->(t:Topic)
  WHERE NOT t.id IN [topic IN row.topics | topic.id]
  DELETE old
}
CALL (w, row) {
  UNWIND row.topics AS topic
  MATCH (t:Topic {id: topic.id})
  MERGE (w)-[r:ABOUT]->(t)
  SET r.score = topic.score, r.source = 'peergraph'
  RETURN count(r) AS written
}
RETURN sum(written) AS written
