// Removes authors by id (a release diff's deleted authors) with every edge they have
// (AUTHORED, AFFILIATED_WITH, COLLABORATES_WITH, FOLLOWS, CLAIMED), so none is left
// pointing at nothing. Their works stay.
// Contract: $rows = [{id}]; returns changed (int, authors removed).
UNWIND $rows AS row
MATCH (a:Author {id: row.id})
DETACH DELETE a
RETURN count(*) AS changed
