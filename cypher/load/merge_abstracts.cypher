// Sets works' abstracts from a source that ships them apart from the works (S2AG's
// abstracts dataset, joined by corpus id). A work not loaded yet becomes a stub (is_stub
// true) that its own record fills in later, whichever file comes first; an unchanged
// abstract writes nothing.
// Contract: $rows = [{id, abstract: string}]; returns changed (int).
UNWIND $rows AS row
MERGE (w:Work {id: row.id})
ON CREATE SET w.is_stub = true
WITH w, row WHERE w.abstract IS NULL OR w.abstract <> row.abstract
SET w.abstract = row.abstract, w.changed_at = datetime()
RETURN count(w) AS changed
