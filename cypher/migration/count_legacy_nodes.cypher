// Whether the graph still holds platform data from before the accounts store (checked at
// start-up, which then moves it). Contract: no parameters; returns legacy (bool).
RETURN EXISTS { MATCH (u:User) WHERE u.email IS NOT NULL } OR EXISTS { MATCH (:Token) }
       OR EXISTS { MATCH (:Claim) } OR EXISTS { MATCH (:AuditEvent) }
       OR EXISTS { MATCH (:RateLimit) } OR EXISTS { MATCH (:Invitation) }
       OR EXISTS { MATCH (a:Author) WHERE a.emails IS NOT NULL } AS legacy
