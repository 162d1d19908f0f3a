// The scores of one full-text index's best hits, best first, and nothing else: what merging
// two indexes into one page needs, before reading the page's hits (search_authors/_works).
// Contract: $index ('author_names' or 'work_text'), $q (Lucene query string), $limit (int);
// returns rows score (float).
CALL db.index.fulltext.queryNodes($index, $q, {limit: $limit}) YIELD score
RETURN score
