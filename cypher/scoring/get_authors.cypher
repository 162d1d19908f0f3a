// The authors of $ids with the same columns as scoring/list_authors.
// Contract: $ids (list of author ids); returns id, identity, record_source, orcid,
// openalex_id, claimed, identity_verified, affiliation_verified, verified_by (how a claim proved it: email, orcid, review, or null), followers, cited_by_count,
// h_index, score_hash. Unknown ids are skipped.
UNWIND $ids AS author_id
MATCH (a:Author {id: author_id})
RETURN a.id AS id, a.identity AS identity, a.record_source AS record_source,
       a.orcid AS orcid, a.openalex_id AS openalex_id,
       coalesce(a.claimed, false) AS claimed,
       coalesce(a.identity_verified, false) AS identity_verified,
       coalesce(a.affiliation_verified, false) AS affiliation_verified,
       a.verified_by AS verified_by,
       COUNT { (a)<-[:FOLLOWS]-(:User) } AS followers,
       a.cited_by_count AS cited_by_count, a.h_index AS h_index,
       a.score_hash AS score_hash
