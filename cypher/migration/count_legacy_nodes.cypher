// Whether the graph still holds platform data from before the accounts store (checked at
// start-up and by /ready; label lookups and the few User nodes only, so it stays cheap on a
// big graph: Author.emails, which no loader ever wrote, is left to the migration command).
// Contract: no parameters; returns legacy (bool).
RETURN EXISTS { MATCH (u:User) WHERE u.email IS NOT NULL } OR EXISTS { MATCH (:Token) }
       OR EXISTS { MATCH (:Claim) } OR EXISTS { MATCH (:AuditEvent) }
       OR EXISTS { MATCH (:RateLimit) } OR EXISTS { MATCH (:Invitation) } AS legacy
