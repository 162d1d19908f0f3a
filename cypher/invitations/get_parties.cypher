// Who would send and who would receive an invitation. Contract: $user_id (the sender),
// $to_author_id; returns from_authors (ids of the authors the sender holds), to_author (id
// or null when no author has it), to_name, to_user_id (the user holding the recipient
// record, or null when it is unclaimed).
OPTIONAL MATCH (:User {id: $user_id})-[:CLAIMED]->(mine:Author)
WITH collect(mine.id) AS from_authors
OPTIONAL MATCH (to:Author {id: $to_author_id})
RETURN from_authors, to.id AS to_author, to.name AS to_name,
       [(u:User)-[:CLAIMED]->(to) | u.id][0] AS to_user_id
