// The indexes (constraints' own included) analysts can rely on for fast lookups.
// Contract: no parameters; returns name, type, entity ("NODE"/"RELATIONSHIP"),
// labels_or_types (list), properties (list), owning_constraint (string or null).
SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint
WHERE type <> "LOOKUP"
RETURN name, type, entityType AS entity, labelsOrTypes AS labels_or_types, properties,
       owningConstraint AS owning_constraint
ORDER BY name
