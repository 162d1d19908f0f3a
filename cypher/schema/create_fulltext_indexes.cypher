// Full-text (Lucene) indexes behind /api/v1/search: author names, work titles and abstracts.
// Contract: no parameters, no result. Statements are separated by `;`.
CREATE FULLTEXT INDEX author_names IF NOT EXISTS FOR (n:Author) ON EACH [n.name];
CREATE FULLTEXT INDEX work_text IF NOT EXISTS FOR (n:Work) ON EACH [n.title, n.abstract]
