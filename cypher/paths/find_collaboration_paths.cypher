// The shortest collaboration paths between two authors: author -AUTHORED- work -AUTHORED-
// author …, through shared works only. The bound is fixed at 12 relationships (6
// collaboration hops, the API's maximum, since a variable-length bound cannot be a
// parameter); Python checks the length against the caller's max_hops.
// Contract: $from, $to (author ids), $max_paths (int); returns one row per shortest path
// (none when either author is missing or no path exists within 6 hops): hops (int,
// collaboration steps), nodes (list of {id, labels, props}), edges (list of {source,
// target, type, props}).
MATCH (a:Author {id: $from}), (b:Author {id: $to})
MATCH p = allShortestPaths((a)-[:AUTHORED*..12]-(b))
WITH p LIMIT $max_paths
RETURN length(p) / 2 AS hops,
       [x IN nodes(p) | {id: x.id, labels: labels(x),
                         props: x {.name, .title, .year, .type, .cited_by_count,
                                   .trust_score, .trust_band, .verification_level}}] AS nodes,
       [r IN relationships(p) | {source: startNode(r).id, target: endNode(r).id,
                                 type: type(r), props: properties(r)}] AS edges
