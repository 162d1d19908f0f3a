// Sets works' abstracts from a source that ships them apart from the works (S2AG's
// abstracts dataset, joined by corpus id). A work not loaded yet becomes a stub (is_stub
// true) that its own record fills in later, whichever file comes first; an unchanged
// abstract writes nothing. On a work several sources describe, an abstract from a source
// that outranks the row's (loaders/precedence.py, computed into the row) stays, and one
// not from the work's own `source` names its source in abstract_from.
// Contract: $rows = [{id, abstract: string, source: string, outranked_by: [string]}];
// returns changed (int).
UNWIND $rows AS row
MERGE (w:Work {id: row.id})
ON CREATE SET w.is_stub = true
WITH w, row WHERE w.abstract IS NULL OR (w.abstract <> row.abstract
                  AND NOT coalesce(w.abstract_from, w.source, '') IN row.outranked_by)
SET w.abstract = row.abstract, w.changed_at = datetime(),
    w.abstract_from = CASE WHEN w.source <> row.source THEN row.source END
RETURN count(w) AS changed
