// title: Institutions by number of verified authors
// description: Institutions ranked by how many affiliated authors reach a verification
// description: level (0-3; L1 record-matched, L2 identity-verified, L3 institution-verified).
// param: min_level int = 1 | Lowest verification level that counts as verified
// param: limit int = 25 | How many institutions
// returns: institution_id, name, country, verified_authors, authors
MATCH (a:Author)-[:AFFILIATED_WITH]->(i:Institution)
// The level may be stored as 2 or as "L2": read both as the number.
WITH i, a, toInteger(replace(toString(a.verification_level), 'L', '')) AS level
WITH i, count(DISTINCT a) AS authors,
     count(DISTINCT CASE WHEN level >= $min_level THEN a END) AS verified_authors
WHERE verified_authors > 0
RETURN i.id AS institution_id, i.name AS name, i.country AS country, verified_authors, authors
ORDER BY verified_authors DESC, authors DESC, institution_id
LIMIT $limit
