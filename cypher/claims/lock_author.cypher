// Takes the author's write lock (so two verified claims cannot both win the record) and
// reads the facts verification levels are decided from. Contract: $author_id; returns id,
// identity, record_source, orcid, openalex_id, works (int), claimants (user ids holding
// the record); no row when no author has that id.
MATCH (a:Author {id: $author_id})
SET a._lock = true
REMOVE a._lock
RETURN a.id AS id, a.identity AS identity, a.record_source AS record_source,
       a.orcid AS orcid, a.openalex_id AS openalex_id, COUNT { (a)-[:AUTHORED]->() } AS works,
       [(u:User)-[:CLAIMED]->(a) | u.id] AS claimants
