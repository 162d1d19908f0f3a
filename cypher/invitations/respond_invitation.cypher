// Accepts or declines a pending invitation. Contract: $id, $status ('accepted' |
// 'declined'); returns id, status, responded_at; no row unless the invitation was pending.
MATCH (i:Invitation {id: $id, status: 'pending'})
SET i.status = $status, i.responded_at = datetime()
RETURN i.id AS id, i.status AS status, i.responded_at AS responded_at
