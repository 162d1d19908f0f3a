// Every loaded work with what the whole graph's citation figures need, without its text:
// an incremental run computes them over the whole graph, as a full run does.
// Contract: no parameters; returns id, authors (list of author ids), topics (list of
// {id, score}: its computed topics), cited (list of the ids of the loaded works it cites).
// Unordered: Python sorts by id.
MATCH (w:Work)
WHERE w.is_stub IS NULL OR w.is_stub = false
RETURN w.id AS id, [(a:Author)-[:AUTHORED]->(w) | a.id] AS authors,
       [(w)-[r:ABOUT {source: 'peergraph'}]->(t:Topic) | {id: t.id, score: r.score}] AS topics,
       [(w)-[:CITES]->(c:Work) WHERE c.is_stub IS NULL OR c.is_stub = false | c.id] AS cited
