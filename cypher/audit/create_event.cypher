// Records one write: who (user and token), what (action, target, JSON detail), when.
// Runs in the same transaction as the write it records. Contract: $id, $user_id, $token_id
// (string or null), $action (e.g. 'follow.create'), $target (string), $detail (JSON string
// or null); returns id.
CREATE (e:AuditEvent {id: $id, at: datetime(), user_id: $user_id, action: $action,
                      target: $target})
SET e.token_id = $token_id, e.detail = $detail
RETURN e.id AS id
