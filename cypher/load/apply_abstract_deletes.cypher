// Removes works' abstracts by work id (a release diff's deleted abstracts); the works stay.
// Contract: $rows = [{id}]; returns changed (int, abstracts removed).
UNWIND $rows AS row
MATCH (w:Work {id: row.id})
WHERE w.abstract IS NOT NULL
REMOVE w.abstract
SET w.changed_at = datetime()
RETURN count(w) AS changed
