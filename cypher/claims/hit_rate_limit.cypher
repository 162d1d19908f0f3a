// Counts one event against a fixed-window limit kept in the graph, so it holds across
// workers and restarts; the write lock comes first so concurrent hits are never lost.
// Contract: $key (e.g. 'claim-verify:<user id>'), $window_s (int); returns count (events in
// the current window, this one included), resets_at (datetime).
MERGE (r:RateLimit {id: $key})
  ON CREATE SET r.window_start = datetime(), r.count = 0
SET r._lock = true
REMOVE r._lock
WITH r, r.window_start + duration({seconds: $window_s}) <= datetime() AS over
SET r.window_start = CASE WHEN over THEN datetime() ELSE r.window_start END,
    r.count = CASE WHEN over THEN 1 ELSE r.count + 1 END
RETURN r.count AS count, r.window_start + duration({seconds: $window_s}) AS resets_at
