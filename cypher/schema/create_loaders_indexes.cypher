// Indexes the loaders need: aliases by target label (merged ids, re-applied after each
// load) and by source (the folds and merges settled after each load), load runs by status;
// one sync watermark per source and entity. Contract: no parameters, no result. Statements
// separated by `;`.
CREATE INDEX alias_target_label IF NOT EXISTS FOR (n:Alias) ON (n.target_label);
CREATE INDEX alias_source IF NOT EXISTS FOR (n:Alias) ON (n.source);
CREATE INDEX load_run_status IF NOT EXISTS FOR (n:LoadRun) ON (n.status);
CREATE CONSTRAINT sync_state_key IF NOT EXISTS FOR (n:SyncState) REQUIRE n.key IS UNIQUE
