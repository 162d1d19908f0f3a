// Indexes and constraints for scoring: staged scores by run, changed works for incremental
// runs, the stored topic model. Contract: no parameters, no result; `;`-separated.
CREATE INDEX score_run_id IF NOT EXISTS FOR (n:Score) ON (n.run_id);
CREATE INDEX work_changed_at IF NOT EXISTS FOR (n:Work) ON (n.changed_at);
CREATE INDEX scoring_run_status IF NOT EXISTS FOR (n:ScoringRun) ON (n.status);
CREATE CONSTRAINT topic_model_id IF NOT EXISTS FOR (n:TopicModel) REQUIRE n.id IS UNIQUE
