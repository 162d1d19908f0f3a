// The abstracts of a page of works (the works list of the API leaves them out to stay small).
// Contract: $ids (list of work ids); returns id, abstract (string or null), one row per
// work found.
UNWIND $ids AS work_id
MATCH (w:Work {id: work_id})
RETURN w.id AS id, w.abstract AS abstract
