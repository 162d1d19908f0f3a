// BENCH ONLY: the index the graph-held tokens were looked up by before the accounts store
// (dropped from the schema with them), so the baseline is measured as it ran. Contract: no
// parameters, no result.
CREATE INDEX token_hash IF NOT EXISTS FOR (n:Token) ON (n.hash)
