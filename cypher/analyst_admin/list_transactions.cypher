// The analyst transactions Neo4j holds, of one request or (with $request null) of all. An
// empty current_query means Neo4j runs nothing for it: the query ended, or the server's
// parser failed without answering (service/analyst/pool.py then cuts the connection loose).
// Parameters: $app (the analyst tag, "peergraph-analyst"), $request (a request id, or null).
// Returns: transaction_id, request, status, current_query ("" when none), elapsed_ms.
SHOW TRANSACTIONS YIELD transactionId, metaData, status, currentQuery, elapsedTime
WHERE metaData.app = $app AND ($request IS NULL OR metaData.peergraph_request = $request)
RETURN transactionId AS transaction_id, metaData.peergraph_request AS request, status,
       coalesce(currentQuery, '') AS current_query, elapsedTime.milliseconds AS elapsed_ms
