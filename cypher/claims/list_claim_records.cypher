// The author records an admin's review queue names, with what a claim is judged against.
// Contract: $author_ids (our author ids); one row per author found: id, name, orcid (bare
// iD or null), domains (lower-cased e-mail domains of its institutions), institutions
// (names), works (count), claimant_id (the user holding the record, or null).
UNWIND $author_ids AS author_id
MATCH (a:Author {id: author_id})
RETURN a.id AS id, a.name AS name, a.orcid AS orcid,
       COLLECT {
         MATCH (a)-[:AFFILIATED_WITH]->(i:Institution)
         UNWIND coalesce(i.domains, []) AS domain
         RETURN DISTINCT toLower(domain)
       } AS domains,
       COLLECT { MATCH (a)-[:AFFILIATED_WITH]->(i:Institution) RETURN i.name } AS institutions,
       COUNT { (a)-[:AUTHORED]->(:Work) } AS works,
       [(u:User)-[:CLAIMED]->(a) | u.id][0] AS claimant_id
