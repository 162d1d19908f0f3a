// The relationship types of the live graph and their properties.
// Contract: no parameters; returns type (string, bare), property (string or null),
// types (list of strings), mandatory (bool).
CALL db.schema.relTypeProperties() YIELD relType, propertyName, propertyTypes, mandatory
RETURN substring(relType, 2, size(relType) - 3) AS type, propertyName AS property,
       propertyTypes AS types, mandatory
ORDER BY type, property
