// Node counts per label, for the reliability reports.
// Contract: no parameters; returns label (string), nodes (int).
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS nodes
ORDER BY label
