// How many nodes one full-text index matches, counted up to $cap (a broad query on a big
// graph must not scan every hit just to print a number).
// Contract: $index ('author_names' or 'work_text'), $q (Lucene query string), $cap (int);
// returns one row: total (int, at most $cap).
CALL db.index.fulltext.queryNodes($index, $q, {limit: $cap}) YIELD node
RETURN count(node) AS total
