// The graph's old identity schema (before the accounts store took users, tokens, claims,
// invitations, audit events and rate limits out of the graph), dropped by the migration.
// Contract: no parameters, no result. Statements are separated by `;`.
DROP CONSTRAINT user_email IF EXISTS;
DROP CONSTRAINT token_id IF EXISTS;
DROP CONSTRAINT claim_id IF EXISTS;
DROP CONSTRAINT invitation_id IF EXISTS;
DROP CONSTRAINT audit_event_id IF EXISTS;
DROP CONSTRAINT rate_limit_id IF EXISTS;
DROP INDEX audit_event_at IF EXISTS;
DROP INDEX audit_event_user IF EXISTS;
DROP INDEX claim_status IF EXISTS;
DROP INDEX claim_state_hash IF EXISTS;
DROP INDEX token_user_id IF EXISTS;
DROP INDEX token_hash IF EXISTS
