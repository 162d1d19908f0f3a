// Identity and social (issue 7): rate-limit counters keyed by id, audit events by time and
// user, claims by status and OAuth state, tokens by user. Contract: no parameters, no
// result. Statements are separated by `;`.
CREATE CONSTRAINT rate_limit_id IF NOT EXISTS FOR (n:RateLimit) REQUIRE n.id IS UNIQUE;
CREATE INDEX audit_event_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at);
CREATE INDEX audit_event_user IF NOT EXISTS FOR (n:AuditEvent) ON (n.user_id);
CREATE INDEX claim_status IF NOT EXISTS FOR (n:Claim) ON (n.status);
CREATE INDEX claim_state_hash IF NOT EXISTS FOR (n:Claim) ON (n.state_hash);
CREATE INDEX token_user_id IF NOT EXISTS FOR (n:Token) ON (n.user_id)
