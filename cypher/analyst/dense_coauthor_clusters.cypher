// title: Suspicious dense co-author clusters
// description: Groups made of an author and their collaborators that are almost all
// description: connected to each other (a clique-like ring) with few ties outside and few
// description: verified members: the shape of accounts lifting each other.
// param: min_size int = 3 | Smallest group (the author and collaborators)
// param: max_size int = 15 | Largest group looked at
// param: min_density float = 0.8 | Share of possible pairs that collaborate (0-1)
// param: max_outside_share float = 0.5 | Highest share of the group's ties leaving it (0-1)
// param: limit int = 25 | How many groups
// returns: authors, size, density, internal_ties, external_ties, verified_members, mean_trust
MATCH (a:Author)-[:COLLABORATES_WITH]-(c:Author)
WITH a, collect(DISTINCT c) AS circle
WHERE $min_size <= size(circle) + 1 <= $max_size
WITH [a] + circle AS members
WITH members, COLLECT { UNWIND members AS m RETURN m.id AS id ORDER BY id } AS ids
// The same group is found from each of its members: keep it once.
WITH ids, head(collect(members)) AS members
CALL (members) {
  UNWIND members AS m
  MATCH (m)-[r:COLLABORATES_WITH]-(o:Author)
  RETURN count(CASE WHEN o IN members THEN r END) / 2 AS internal_ties,
         count(CASE WHEN NOT o IN members THEN r END) AS external_ties
}
WITH ids, members, internal_ties, external_ties, size(members) AS n
WITH ids, members, internal_ties, external_ties, n,
     toFloat(internal_ties) / (n * (n - 1) / 2.0) AS density
WHERE density >= $min_density
  AND toFloat(external_ties) / (internal_ties + external_ties) <= $max_outside_share
WITH ids, members, internal_ties, external_ties, n, density,
     [m IN members WHERE m.trust_score IS NOT NULL | m.trust_score] AS scores
RETURN ids AS authors, n AS size, round(density, 3) AS density, internal_ties, external_ties,
       size([m IN members WHERE toInteger(replace(toString(m.verification_level), 'L', '')) >= 1])
         AS verified_members,
       CASE size(scores) WHEN 0 THEN null
         ELSE round(reduce(total = 0.0, s IN scores | total + s) / size(scores), 1) END AS mean_trust
ORDER BY verified_members ASC, density DESC, external_ties ASC, size DESC
LIMIT $limit
