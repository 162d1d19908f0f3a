// Benchmark reset (bench/score.py --reset): deletes every collaboration pair, so the next
// full run writes them all as a first run does. Never used by the rescoring job.
// Auto-commit only (CALL IN TRANSACTIONS). Contract: no parameters; no result rows.
MATCH (:Author)-[c:COLLABORATES_WITH]->(:Author)
CALL (c) { DELETE c } IN TRANSACTIONS OF 10000 ROWS
