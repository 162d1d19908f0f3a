// Takes both authors' write locks before a person decides on a possible duplicate (so a
// claim granted meanwhile cannot slip past the check of who holds what), and names the
// users holding each record (a user holds a record once their claim is verified).
// Contract: $id, $other (author ids); returns one row, none when either is missing:
// id_holders, other_holders (lists of user ids).
MATCH (a:Author {id: $id})
MATCH (b:Author {id: $other})
SET a._lock = true, b._lock = true
REMOVE a._lock, b._lock
RETURN [(u:User)-[:CLAIMED]->(a) | u.id] AS id_holders,
       [(u:User)-[:CLAIMED]->(b) | u.id] AS other_holders
