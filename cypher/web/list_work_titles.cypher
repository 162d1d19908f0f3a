// The titles of a few works, so that a page names them by title where the scoring stored
// their ids (an integrity reason's retracted works).
// Contract: $ids (list of work ids); returns id, title (string or null), one row per work
// found.
UNWIND $ids AS work_id
MATCH (w:Work {id: work_id})
RETURN w.id AS id, w.title AS title
