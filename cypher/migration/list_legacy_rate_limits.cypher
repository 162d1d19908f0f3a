// Rate-limit counters as the graph kept them before the accounts store. Contract: no
// parameters; returns limit (map: id, window_start, count), one row per counter.
MATCH (r:RateLimit)
RETURN r {.id, .window_start, .count} AS limit
