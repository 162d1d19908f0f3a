// Deletes collaboration pairs that no longer share any (countable) work.
// Contract: $rows = [{a, b}] with a < b; returns deleted (int).
UNWIND $rows AS row
MATCH (:Author {id: row.a})-[c:COLLABORATES_WITH]->(:Author {id: row.b})
DELETE c
RETURN count(*) AS deleted
