// Benchmark reset (bench/score.py --reset): deletes computed topics with their ABOUT edges,
// and the stored topic model (sources' own topics stay). Never used by the rescoring job.
// One topic per transaction: at 1 M works a topic has some 20 000 edges.
// Auto-commit only (CALL IN TRANSACTIONS). Contract: no parameters; no result rows.
MATCH (n) WHERE (n:Topic AND n.source = 'peergraph') OR n:TopicModel
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1 ROWS
