// One page of works in id order with what the whole graph's citation figures need, without
// their text: an incremental run computes them over the whole graph, as a full run does.
// A page is one record holding its works as lists, so the driver decodes a few hundred
// records rather than one per work (per-record decoding was most of the read's time).
// Contract: $after (string: the previous page's `last`, "" for the first page), $size
// (integer); returns last (the id of the page's last work, stubs included; null past the
// end) and rows (list of [id, authors (author ids), topics (list of {id, score}: computed
// topics), cited (ids of the loaded works it cites)], one per loaded work of the page).
MATCH (w:Work)
WHERE w.id > $after
WITH w ORDER BY w.id LIMIT $size
WITH collect(w) AS page
RETURN page[-1].id AS last,
       [w IN page WHERE w.is_stub IS NULL OR w.is_stub = false |
        [w.id, [(a:Author)-[:AUTHORED]->(w) | a.id],
         [(w)-[r:ABOUT {source: 'peergraph'}]->(t:Topic) | {id: t.id, score: r.score}],
         [(w)-[:CITES]->(c:Work) WHERE c.is_stub IS NULL OR c.is_stub = false | c.id]]] AS rows
