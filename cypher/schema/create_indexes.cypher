// Range indexes for the lookups the design needs: source ids, filters, rankings.
// Contract: no parameters, no result. Statements are separated by `;`.
CREATE INDEX author_orcid IF NOT EXISTS FOR (n:Author) ON (n.orcid);
CREATE INDEX author_openalex_id IF NOT EXISTS FOR (n:Author) ON (n.openalex_id);
CREATE INDEX author_trust_score IF NOT EXISTS FOR (n:Author) ON (n.trust_score);
CREATE INDEX author_scored_at IF NOT EXISTS FOR (n:Author) ON (n.scored_at);
CREATE INDEX author_changed_at IF NOT EXISTS FOR (n:Author) ON (n.changed_at);
CREATE INDEX work_doi IF NOT EXISTS FOR (n:Work) ON (n.doi);
CREATE INDEX work_openalex_id IF NOT EXISTS FOR (n:Work) ON (n.openalex_id);
CREATE INDEX work_arxiv_id IF NOT EXISTS FOR (n:Work) ON (n.arxiv_id);
CREATE INDEX work_pmid IF NOT EXISTS FOR (n:Work) ON (n.pmid);
CREATE INDEX work_mag_id IF NOT EXISTS FOR (n:Work) ON (n.mag_id);
CREATE INDEX work_s2_corpus_id IF NOT EXISTS FOR (n:Work) ON (n.s2_corpus_id);
CREATE INDEX work_year IF NOT EXISTS FOR (n:Work) ON (n.year);
CREATE INDEX institution_ror IF NOT EXISTS FOR (n:Institution) ON (n.ror);
CREATE INDEX topic_source IF NOT EXISTS FOR (n:Topic) ON (n.source);
CREATE INDEX scoring_run_started IF NOT EXISTS FOR (n:ScoringRun) ON (n.started);
CREATE INDEX load_run_started IF NOT EXISTS FOR (n:LoadRun) ON (n.started)
