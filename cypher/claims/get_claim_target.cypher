// What starting a claim needs to know about an author (the addresses on its record are
// private: they come from the accounts store). Contract: $author_id; returns id, name,
// orcid (bare iD or null), domains
// (lower-cased e-mail domains of the affiliated institutions), claimant_id (the user
// holding the record, or null); no row when no author has that id.
MATCH (a:Author {id: $author_id})
RETURN a.id AS id, a.name AS name, a.orcid AS orcid,
       COLLECT {
         MATCH (a)-[:AFFILIATED_WITH]->(i:Institution)
         UNWIND coalesce(i.domains, []) AS domain
         RETURN DISTINCT toLower(domain)
       } AS domains,
       [(u:User)-[:CLAIMED]->(a) | u.id][0] AS claimant_id
