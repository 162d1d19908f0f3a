// The works of the authors $ids, for an incremental run. A work's text is sent only when it
// changed at or after $since or has no computed topic yet (it needs topics); otherwise its
// current computed topics are sent.
// Contract: $ids (list of author ids), $since (datetime); returns id, year, cited_by_count,
// text (string or null), topics (list of {id, score}), authors (list of author ids),
// notice (int|null: the Retraction Watch notice's severity, 3 retraction, 2 expression of
// concern, 1 correction), notice_year (int|null).
UNWIND $ids AS author_id
MATCH (:Author {id: author_id})-[:AUTHORED]->(w:Work)
WITH DISTINCT w
WITH w, [(w)-[r:ABOUT {source: 'peergraph'}]->(t:Topic) | {id: t.id, score: r.score}] AS topics
RETURN w.id AS id, w.year AS year, w.cited_by_count AS cited_by_count,
       CASE WHEN w.changed_at >= $since OR size(topics) = 0
            THEN coalesce(w.title, '') + ' ' + coalesce(w.abstract, '') END AS text,
       topics,
       [(a:Author)-[:AUTHORED]->(w) | a.id] AS authors,
       w.retraction_severity AS notice, w.retraction_date.year AS notice_year
