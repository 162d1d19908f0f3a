// The nodes with the most relationships among venues, topics, institutions and authors,
// for bench/api.py (the neighbourhood of the biggest hub must stay fast). Scans all of
// them: a one-off for benchmarks, never for a request.
// Contract: $limit (int); returns rows id, label, degree (int), biggest first.
MATCH (n)
WHERE n:Venue OR n:Topic OR n:Institution OR n:Author
WITH n, COUNT { (n)--() } AS degree
ORDER BY degree DESC
LIMIT $limit
RETURN n.id AS id, head(labels(n)) AS label, degree
