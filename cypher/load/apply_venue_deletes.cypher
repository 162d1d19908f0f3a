// Removes venues by id (a release diff's deleted publication venues) and the works' links
// to them; the works stay.
// Contract: $rows = [{id}]; returns changed (int, venues removed).
UNWIND $rows AS row
MATCH (v:Venue {id: row.id})
DETACH DELETE v
RETURN count(*) AS changed
