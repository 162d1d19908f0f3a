// Which labels each relationship type connects, from Neo4j's schema summary.
// Contract: no parameters; returns nodes (virtual nodes, one per label, the label in their
// `name` property) and relationships (virtual relationships between them). Read in
// Python: Cypher's startNode() does not see a virtual relationship's nodes.
CALL db.schema.visualization() YIELD nodes, relationships
RETURN nodes, relationships
