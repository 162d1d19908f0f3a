// Creates the computed ABOUT edges of works that have none yet (the run read every work's
// computed edges under the scoring lock, so CREATE cannot duplicate one): no per-work
// delete-then-MERGE, which is what makes a first run's 1 M works affordable.
// Contract: $rows = [{id: work id, topics: [topic id], scores: [float]}] (parallel lists,
// shares 0-1); returns written (int, edges created).
UNWIND $rows AS row
MATCH (w:Work {id: row.id})
UNWIND range(0, size(row.topics) - 1) AS k
MATCH (t:Topic {id: row.topics[k]})
CREATE (w)-[r:ABOUT {score: row.scores[k], source: 'peergraph'}]->(t)
RETURN count(r) AS written
