// Every author with the facts verification and the per-author signals need.
// Contract: no parameters; returns id, identity, record_source, orcid, openalex_id,
// claimed, identity_verified, affiliation_verified (bools), followers (int),
// cited_by_count, h_index (int or null), score_hash (string|null: fingerprint of the
// published score, so unchanged scores are not staged again). Unordered: Python sorts by id.
MATCH (a:Author)
RETURN a.id AS id, a.identity AS identity, a.record_source AS record_source,
       a.orcid AS orcid, a.openalex_id AS openalex_id,
       coalesce(a.claimed, false) AS claimed,
       coalesce(a.identity_verified, false) AS identity_verified,
       coalesce(a.affiliation_verified, false) AS affiliation_verified,
       a.verified_by AS verified_by,
       COUNT { (a)<-[:FOLLOWS]-(:User) } AS followers,
       a.cited_by_count AS cited_by_count, a.h_index AS h_index,
       a.score_hash AS score_hash
