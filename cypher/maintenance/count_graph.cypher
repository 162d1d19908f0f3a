// Node and relationship totals, for status lines and tests that prove nothing changed.
// Contract: no parameters; returns nodes (int), relationships (int).
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
