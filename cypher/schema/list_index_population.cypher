// Every index with how far its population has come, for a wait that has no time limit
// (after a bulk import, the indexes of a big store take as long as they take).
// Contract: no parameters; returns name, state ("ONLINE", "POPULATING" or "FAILED"),
// percent (float, 0-100), failure (string, empty unless FAILED).
SHOW INDEXES YIELD name, state, populationPercent, failureMessage
RETURN name, state, populationPercent AS percent, failureMessage AS failure
