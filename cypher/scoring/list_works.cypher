// Every work that has authors (citation-only stubs are skipped), with its text for topics
// and its current computed topics (so unchanged ABOUT edges are not rewritten).
// Contract: no parameters; returns id, year (int|null), cited_by_count (int|null),
// text (title and abstract, string), topics (list of {id, score}),
// authors (list of author ids),
// notice (int|null: the Retraction Watch notice's severity, 3 retraction, 2 expression of
// concern, 1 correction), notice_year (int|null). Unordered: Python sorts by id.
MATCH (w:Work)
WHERE w.is_stub IS NULL OR w.is_stub = false
RETURN w.id AS id, w.year AS year, w.cited_by_count AS cited_by_count,
       coalesce(w.title, '') + ' ' + coalesce(w.abstract, '') AS text,
       [(w)-[r:ABOUT {source: 'peergraph'}]->(t:Topic) | {id: t.id, score: r.score}] AS topics,
       [(a:Author)-[:AUTHORED]->(w) | a.id] AS authors,
       w.retraction_severity AS notice, w.retraction_date.year AS notice_year
