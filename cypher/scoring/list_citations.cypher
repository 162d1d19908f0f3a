// Every citation between loaded works, for the graph's impact and citation-stacking figures
// (a full run; the works themselves come from scoring/list_works).
// Contract: no parameters; returns id (the citing work's id) and cited (list of the ids of
// the loaded works it cites), one row per loaded work that cites any. Unordered.
MATCH (w:Work)
WHERE w.is_stub IS NULL OR w.is_stub = false
WITH w, [(w)-[:CITES]->(c:Work) WHERE c.is_stub IS NULL OR c.is_stub = false | c.id] AS cited
WHERE size(cited) > 0
RETURN w.id AS id, cited
