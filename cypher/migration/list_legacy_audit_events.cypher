// Audit events as the graph kept them before the accounts store. Contract: no parameters;
// returns event (map: id, at, user_id, token_id, action, target, detail (JSON string or
// null)), one row per event.
MATCH (e:AuditEvent)
RETURN e {.id, .at, .user_id, .token_id, .action, .target, .detail} AS event
