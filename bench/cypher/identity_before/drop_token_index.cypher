// BENCH ONLY: drops the baseline's index again. Contract: no parameters, no result.
DROP INDEX token_hash IF EXISTS
