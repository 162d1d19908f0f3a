// Upserts computed topics, each named by a phrase of its works (scoring/topic_names.py).
// Contract: $rows = [{id: 'peergraph:<n>', name, terms: [string]}]; returns changed (int).
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
SET t.name = row.name, t.terms = row.terms, t.source = 'peergraph'
RETURN count(t) AS changed
