// The node labels of the live graph and their properties (types seen, always present?).
// Contract: no parameters; returns labels (list of strings), property (string or null
// for a label combination without properties), types (list of strings), mandatory (bool).
CALL db.schema.nodeTypeProperties() YIELD nodeLabels, propertyName, propertyTypes, mandatory
RETURN nodeLabels AS labels, propertyName AS property, propertyTypes AS types, mandatory
ORDER BY labels, property
