// Every content node with its labels and properties, to compare two graphs (reliability
// tests and benches: "the graph is unchanged", "a resumed load equals a clean load").
// Contract: no parameters; returns labels (list of strings), id (string), props (map).
MATCH (n)
WHERE n:Author OR n:Work OR n:Topic OR n:Institution OR n:Venue OR n:User OR n:Claim
RETURN labels(n) AS labels, n.id AS id, properties(n) AS props
