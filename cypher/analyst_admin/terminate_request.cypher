// Ends the transactions of one analyst request: the query past its wall-clock deadline (or
// its EXPLAIN). The runner tags each with metaData.peergraph_request (service/analyst/limits.py,
// Ticket.metadata); service/analyst/pool.py runs this. Not an analyst query: these are in
// cypher/analyst/, which the public saved-query endpoint serves.
// Parameters: $request (the request id, a hex string).
// Returns: one row per transaction ended: transactionId, message.
SHOW TRANSACTIONS YIELD transactionId, metaData
WHERE metaData.peergraph_request = $request
TERMINATE TRANSACTIONS transactionId
YIELD message
RETURN transactionId, message
