// Removes works by id (a release diff's deleted papers) with every edge they have: byline,
// topics, venue, citations both ways. A stub only they cited (no edge left) goes too; a
// stub still cited by another work stays. Authors, venues and topics stay. Only works no
// other source holds (loaders/work_removal.py; the others: remove_work_source).
// Contract: $rows = [{id}]; returns changed (int, works removed).
UNWIND $rows AS row
MATCH (w:Work {id: row.id})
OPTIONAL MATCH (w)-[:CITES]->(s:Work {is_stub: true})
WITH collect(DISTINCT w) AS works, collect(DISTINCT s) AS cited
WITH works, [s IN cited WHERE NOT s IN works] AS stubs
FOREACH (w IN works | DETACH DELETE w)
WITH works, stubs
CALL {
  WITH stubs
  UNWIND stubs AS s
  WITH s WHERE NOT EXISTS { (s)--() }
  DELETE s
}
RETURN size(works) AS changed
