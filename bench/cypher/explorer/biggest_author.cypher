// The author with the most AUTHORED works, for bench/explorer.py (the hub whose first view
// in the explorer must stay fast). Scans every author: a one-off for a bench, never a request.
// Contract: no parameters; returns one row id, works (int).
MATCH (a:Author)
WITH a, COUNT { (a)-[:AUTHORED]->() } AS works
ORDER BY works DESC, a.id
LIMIT 1
RETURN a.id AS id, works
