// Blocks until every index is online (or $timeout_s passes), so loads right after start-up
// use them. Contract: $timeout_s (int); no result.
CALL db.awaitIndexes($timeout_s)
