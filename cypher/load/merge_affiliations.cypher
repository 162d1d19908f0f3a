// Links authors to institutions; the years widen to cover every year seen (a row's year
// may be null: an affiliation without dates). Both ends must exist already.
// Contract: $rows = [{author_id, institution_id, start_year?: int, end_year?: int}];
// returns changed (int).
UNWIND $rows AS row
MATCH (a:Author {id: row.author_id})
MATCH (i:Institution {id: row.institution_id})
MERGE (a)-[r:AFFILIATED_WITH]->(i)
ON CREATE SET a.changed_at = datetime(), r.is_new = true
WITH r, row,
     CASE WHEN row.start_year IS NULL OR r.start_year <= row.start_year THEN r.start_year
          ELSE row.start_year END AS start_year,
     CASE WHEN row.end_year IS NULL OR r.end_year >= row.end_year THEN r.end_year
          ELSE row.end_year END AS end_year
WHERE r.is_new OR start_year <> r.start_year OR end_year <> r.end_year
   OR (r.start_year IS NULL AND start_year IS NOT NULL)
   OR (r.end_year IS NULL AND end_year IS NOT NULL)
SET r.start_year = start_year, r.end_year = end_year
REMOVE r.is_new
RETURN count(r) AS changed
