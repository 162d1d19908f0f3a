// What the signed-in visitor has to do with one author, for the profile page's actions.
// Contract: $author_id (our author id), $user_id (the visitor's user id, or null when signed
// out); returns one row, none when no author has that id: holder_id (the user holding the
// record, or null), following (bool), my_records (ids of the authors the visitor holds),
// orcid (the record's iD or null) and domains (lower-cased e-mail domains of its
// institutions), which decide the ways to claim it.
// The visitor's open claims are private: they come from the accounts store.
MATCH (a:Author {id: $author_id})
RETURN [(holder:User)-[:CLAIMED]->(a) | holder.id][0] AS holder_id,
       EXISTS { MATCH (:User {id: $user_id})-[:FOLLOWS]->(a) } AS following,
       [(:User {id: $user_id})-[:CLAIMED]->(mine:Author) | mine.id] AS my_records,
       a.orcid AS orcid,
       COLLECT {
         MATCH (a)-[:AFFILIATED_WITH]->(i:Institution)
         UNWIND coalesce(i.domains, []) AS domain
         RETURN DISTINCT toLower(domain)
       } AS domains
