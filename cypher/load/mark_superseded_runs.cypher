// A load that stopped part-way left checkpoints; one that was killed (SIGKILL, a crash) could
// not even record its end, and its LoadRun still says running. The run that resumes from
// those checkpoints marks such runs interrupted and names itself as their successor.
// Contract: $ids (list of LoadRun ids found in the inputs' checkpoints), $run_id (string, the
// resuming run); returns marked (int).
MATCH (r:LoadRun)
WHERE r.id IN $ids AND r.status IN ['running', 'interrupted'] AND r.id <> $run_id
SET r.status = 'interrupted', r.superseded_by = $run_id
RETURN count(r) AS marked
