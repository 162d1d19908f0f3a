// Removes works' abstracts by work id (a release diff's deleted abstracts); the works stay.
// On a work other sources hold too (ids already pointed at the node the record was folded
// into), only an abstract that source gave goes (its `abstract_from`, else the node's own
// source, names it); a row without a source removes any.
// Contract: $rows = [{id, source?}]; returns changed (int, abstracts removed).
UNWIND $rows AS row
MATCH (w:Work {id: row.id})
WHERE w.abstract IS NOT NULL
  AND (row.source IS NULL OR coalesce(w.abstract_from, w.source) = row.source)
REMOVE w.abstract, w.abstract_from
SET w.changed_at = datetime()
RETURN count(w) AS changed
