// title: Works citing each other within a group
// description: Citations between works written by members of a group of authors (ids),
// description: mutual citations first: a citation ring shows up as many mutual pairs.
// param: authors list<string> | The group: author ids, e.g. ["researcher0", "researcher1"]
// param: limit int = 100 | How many citations
// returns: citing_work, citing_title, cited_work, cited_title, citing_authors, cited_authors, mutual, self_citation
MATCH (a:Author)-[:AUTHORED]->(w1:Work)-[:CITES]->(w2:Work)<-[:AUTHORED]-(b:Author)
WHERE a.id IN $authors AND b.id IN $authors AND w1 <> w2
WITH w1, w2, collect(DISTINCT a.id) AS citing_authors, collect(DISTINCT b.id) AS cited_authors
RETURN w1.id AS citing_work, w1.title AS citing_title, w2.id AS cited_work,
       w2.title AS cited_title, citing_authors, cited_authors,
       EXISTS { (w2)-[:CITES]->(w1) } AS mutual,
       any(x IN citing_authors WHERE x IN cited_authors) AS self_citation
ORDER BY mutual DESC, citing_work, cited_work
LIMIT $limit
