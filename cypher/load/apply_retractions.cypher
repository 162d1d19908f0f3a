// Puts Retraction Watch notices on the works they are about, matched by DOI or PubMed id
// (a notice matches no work: nothing happens). A work keeps its most severe notice
// (retraction 3 > expression of concern 2 > correction 1), then the latest, then the highest
// record id, so the order of rows and loads does not matter and a reload changes nothing.
// `retracted` is true only for a retraction. A work whose notice changes gets `changed_at`,
// so the next incremental rescoring rescores its authors.
// Contract: $rows = [{record_id (string), doi (string|null), pmid (string|null), nature
// (string), severity (int 1-3), date (date), reasons (list of string), notice_doi
// (string|null)}]; returns changed (int: works whose notice changed).
UNWIND $rows AS row
CALL (row) {
  MATCH (w:Work) WHERE row.doi IS NOT NULL AND w.doi = row.doi
  RETURN w
  UNION
  MATCH (w:Work) WHERE row.pmid IS NOT NULL AND w.pmid = row.pmid
  RETURN w
}
// Two notices of one work in one batch: only its best one is compared with what it holds.
WITH w, row ORDER BY row.severity DESC, row.date DESC, row.record_id DESC
WITH w, collect(row)[0] AS row
WITH row, w, coalesce(w.retraction_severity, 0) AS held,
     coalesce(w.retraction_date, date('0001-01-01')) AS held_date,
     coalesce(w.retraction_record_id, '') AS held_id
WHERE row.severity > held
   OR (row.severity = held AND (row.date > held_date
       OR (row.date = held_date AND row.record_id >= held_id)))
WITH row, w
WHERE w.retraction_record_id IS NULL OR w.retraction_record_id <> row.record_id
   OR w.retraction_nature <> row.nature OR w.retraction_date <> row.date
   OR w.retraction_reasons <> row.reasons
   OR coalesce(w.retraction_notice_doi, '') <> coalesce(row.notice_doi, '')
SET w.retracted = row.nature = 'Retraction', w.retraction_date = row.date,
    w.retraction_nature = row.nature, w.retraction_reasons = row.reasons,
    w.retraction_severity = row.severity, w.retraction_record_id = row.record_id,
    w.retraction_notice_doi = row.notice_doi, w.changed_at = datetime()
RETURN count(w) AS changed
