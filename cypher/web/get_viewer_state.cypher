// What the signed-in visitor has to do with one author, for the profile page's actions.
// Contract: $author_id (our author id), $user_id (the visitor's user id, or null when signed
// out); returns one row, none when no author has that id: holder_id (the user holding the
// record, or null), following (bool), my_records (ids of the authors the visitor holds),
// open_claims (list of {id, status, sent_to, method} of the visitor's pending or disputed
// claims of this author, newest first).
MATCH (a:Author {id: $author_id})
RETURN [(holder:User)-[:CLAIMED]->(a) | holder.id][0] AS holder_id,
       EXISTS { MATCH (:User {id: $user_id})-[:FOLLOWS]->(a) } AS following,
       [(:User {id: $user_id})-[:CLAIMED]->(mine:Author) | mine.id] AS my_records,
       COLLECT {
         MATCH (:User {id: $user_id})-[:MADE]->(c:Claim)-[:FOR]->(a)
         WHERE c.status IN ['pending', 'disputed']
         RETURN c {.id, .status, .sent_to, .method} AS claim
         ORDER BY c.created_at DESC
       } AS open_claims
