// Puts Retraction Watch notices on the works they are about, matched by DOI or PubMed id
// (a notice that matches no work is not kept; one that no longer names a work leaves it).
// Every notice is kept as a RetractionNotice node (id 'rw:<record id>', public data) linked
// to the works it names now, and each work it names or named then
// shows the notice its notices give, so the order of rows and loads does not matter and a
// reload changes nothing: a reinstatement (severity 0) voids every notice dated on or
// before it; of the rest the most severe (retraction 3 > expression of concern 2 >
// correction 1), then the latest, then the highest record id. `retracted` is true only for a
// retraction; `reinstated_date` is the latest reinstatement. A work whose shown notice
// changes gets `changed_at`, so the next incremental rescoring rescores its authors.
// Contract: $rows = [{record_id (string), doi (string|null), pmid (string|null), nature
// (string), severity (int 0-3), date (date), reasons (list of string), notice_doi
// (string|null)}]; returns changed (int: works whose shown notice changed).
UNWIND $rows AS row
CALL (row) {
  OPTIONAL MATCH (w:Work) WHERE row.doi IS NOT NULL AND w.doi = row.doi
  RETURN w
  UNION
  OPTIONAL MATCH (w:Work) WHERE row.pmid IS NOT NULL AND w.pmid = row.pmid
  RETURN w
}
WITH row, collect(w) AS matched
// a record whose DOI or PubMed id Retraction Watch corrected leaves the works it no longer
// names (they are shown again without it); a record that names no work now is not kept
CALL (row, matched) {
  OPTIONAL MATCH (:RetractionNotice {id: 'rw:' + row.record_id})-[link:NOTICE_OF]->(gone:Work)
  WHERE NOT gone IN matched
  DELETE link
  RETURN collect(gone) AS dropped
}
CALL (row, matched) {
  OPTIONAL MATCH (orphan:RetractionNotice {id: 'rw:' + row.record_id})
  WHERE size(matched) = 0
  DETACH DELETE orphan
}
CALL (row, matched) {
  UNWIND matched AS w
  MERGE (n:RetractionNotice {id: 'rw:' + row.record_id})
  SET n.record_id = row.record_id, n.nature = row.nature, n.severity = row.severity,
      n.date = row.date, n.reasons = row.reasons, n.notice_doi = row.notice_doi
  MERGE (n)-[:NOTICE_OF]->(w)
}
// every row's notice is in place before any work is read back
UNWIND matched + dropped AS w
WITH collect(DISTINCT w) AS works
UNWIND works AS w
CALL (w) {
  OPTIONAL MATCH (r:RetractionNotice)-[:NOTICE_OF]->(w) WHERE r.severity = 0
  RETURN max(r.date) AS reinstated
}
CALL (w, reinstated) {
  OPTIONAL MATCH (n:RetractionNotice)-[:NOTICE_OF]->(w)
  WHERE n.severity > 0 AND (reinstated IS NULL OR n.date > reinstated)
  WITH n ORDER BY n.severity DESC, n.date DESC, n.record_id DESC
  RETURN collect(n)[0] AS shown
}
WITH w, reinstated, shown
WHERE coalesce(w.retraction_record_id, '') <> coalesce(shown.record_id, '')
   OR coalesce(w.retraction_nature, '') <> coalesce(shown.nature, '')
   OR coalesce(w.retraction_date, date('0001-01-01'))
      <> coalesce(shown.date, date('0001-01-01'))
   OR coalesce(w.retraction_reasons, []) <> coalesce(shown.reasons, [])
   OR coalesce(w.retraction_notice_doi, '') <> coalesce(shown.notice_doi, '')
   OR coalesce(w.reinstated_date, date('0001-01-01')) <> coalesce(reinstated, date('0001-01-01'))
SET w.retracted = shown.nature = 'Retraction', w.retraction_date = shown.date,
    w.retraction_nature = shown.nature, w.retraction_reasons = shown.reasons,
    w.retraction_severity = shown.severity, w.retraction_record_id = shown.record_id,
    w.retraction_notice_doi = shown.notice_doi, w.reinstated_date = reinstated,
    w.changed_at = datetime()
RETURN count(w) AS changed
