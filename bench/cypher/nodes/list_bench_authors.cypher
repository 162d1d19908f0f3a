// Authors with their work counts, for bench/api.py to pick "typical" authors from.
// Contract: $scan (int: authors examined, in storage order); returns rows id, works (int).
MATCH (a:Author)
WITH a LIMIT $scan
RETURN a.id AS id, COUNT { (a)-[:AUTHORED]->() } AS works
