// Deletes, a batch at a time, the platform nodes the graph kept before the accounts store
// (tokens, claims, audit events, rate limits, invitations) with their edges. Run after
// they were copied. Contract: $batch (int); returns deleted (int: fewer than $batch when
// none are left).
MATCH (n)
WHERE n:Token OR n:Claim OR n:AuditEvent OR n:RateLimit OR n:Invitation
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
