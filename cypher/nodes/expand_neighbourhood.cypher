// The neighbourhood of one node, one or two hops, capped per hop inside the query so that
// a hub stays cheap (GET /api/v1/nodes/{id}/neighbourhood).
// Hop 1: at most $scan_cap of the centre's relationships are examined (beyond that a hub
// is sampled in storage order), ranked by relevance within each (relationship type,
// neighbour label) group, and the groups interleaved so every kind of neighbour shows; the
// first $hop1_limit are kept. Relevance: COLLABORATES_WITH by shared works then last year;
// ABOUT by score then year; works by year then citations; a work's authors by byline
// position; anything else by degree; ties in storage order.
// Hop 2 (only when $depth = 2): each kept neighbour examines at most $hop2_scan_cap of its
// own relationships; new nodes are ranked by how many kept neighbours link to them, then by
// degree, then id, and kept until $node_budget nodes besides the centre are reached.
// Contract: $id (node id), $types (list of labels allowed), $rel_types (list of relationship
// types allowed), $depth (1 or 2), $hop1_limit, $node_budget, $scan_cap, $hop2_scan_cap
// (ints); returns one row, none when no node has that id: nodes (list of {id, labels, hop,
// props}: the centre first, then hop 1, then hop 2; props are a display subset, nulls
// included), edges (list of {source, target, type, props}; an edge between two hop-1 nodes
// appears twice), truncated (bool: some neighbours were left out).
CALL () {
  MATCH (n:Author {id: $id}) RETURN n
  UNION
  MATCH (n:Work {id: $id}) RETURN n
  UNION
  MATCH (n:Topic {id: $id}) RETURN n
  UNION
  MATCH (n:Institution {id: $id}) RETURN n
  UNION
  MATCH (n:Venue {id: $id}) RETURN n
}
WITH n LIMIT 1
CALL (n) {
  MATCH (n)-[r:AUTHORED|ABOUT|PUBLISHED_IN|CITES|AFFILIATED_WITH|COLLABORATES_WITH]-(m)
  WHERE type(r) IN $rel_types AND any(label IN labels(m) WHERE label IN $types)
  WITH r, m LIMIT $scan_cap
  WITH r, m, CASE
      WHEN type(r) = 'COLLABORATES_WITH'
        THEN coalesce(r.shared_works, 0) * 10000.0 + coalesce(r.last_year, 0)
      WHEN type(r) = 'ABOUT' THEN coalesce(r.score, 0.0) * 1.0e8 + coalesce(m.year, 0)
      WHEN m:Work THEN coalesce(m.year, 0) * 1.0e7 + coalesce(m.cited_by_count, 0)
      WHEN type(r) = 'AUTHORED' THEN -1.0 * coalesce(r.position, 0)
      ELSE toFloat(COUNT { (m)--() })
    END AS relevance
  ORDER BY relevance DESC
  WITH type(r) + ':' + head(labels(m)) AS kind, collect({r: r, m: m}) AS ranked
  WITH kind, ranked[..$hop1_limit] AS kept, size(ranked) AS seen
  UNWIND range(0, size(kept) - 1) AS place
  WITH kept[place] AS pick, place, kind, seen
  ORDER BY place, kind
  WITH collect(pick) AS picks, sum(CASE WHEN place = 0 THEN seen ELSE 0 END) AS seen
  RETURN picks[..$hop1_limit] AS hop1, seen > $hop1_limit OR seen >= $scan_cap AS hop1_truncated
}
CALL (n, hop1) {
  UNWIND CASE WHEN $depth = 2 THEN hop1 ELSE [] END AS pick
  WITH n, pick.m AS m, [p IN hop1 | p.m] AS ms
  CALL (m) {
    MATCH (m)-[r:AUTHORED|ABOUT|PUBLISHED_IN|CITES|AFFILIATED_WITH|COLLABORATES_WITH]-(x)
    WHERE type(r) IN $rel_types AND any(label IN labels(x) WHERE label IN $types)
    WITH r, x LIMIT $hop2_scan_cap
    RETURN collect({r: r, x: x}) AS found
  }
  UNWIND found AS f
  WITH n, ms, f.r AS r, f.x AS x, size(found) >= $hop2_scan_cap AS capped
  WITH x, x = n AS is_center, x IN ms AS inner, collect(r) AS rels,
       sum(CASE WHEN capped THEN 1 ELSE 0 END) AS capped_rows
  ORDER BY size(rels) DESC, COUNT { (x)--() } DESC, x.id
  WITH collect(CASE WHEN NOT inner AND NOT is_center THEN {node: x, rels: rels} END) AS cands,
       collect(CASE WHEN inner THEN rels END) AS links, sum(capped_rows) > 0 AS capped
  WITH cands, links, capped, $node_budget - size(hop1) AS room
  RETURN cands[..room] AS hop2, links, size(cands) > room OR capped AS hop2_truncated
}
WITH hop1_truncated OR hop2_truncated AS truncated,
     [{node: n, hop: 0}] + [p IN hop1 | {node: p.m, hop: 1}]
       + [c IN hop2 | {node: c.node, hop: 2}] AS placed,
     [p IN hop1 | p.r] + reduce(acc = [], c IN hop2 | acc + c.rels)
       + reduce(acc = [], rels IN links | acc + rels) AS rels
UNWIND placed AS place
WITH truncated, rels, place.node AS x, place.hop AS hop
WITH truncated, rels,
     collect({id: x.id, labels: labels(x), hop: hop,
              props: x {.name, .title, .year, .type, .cited_by_count, .country, .source,
                        .trust_score, .trust_band, .verification_level}}) AS nodes
RETURN nodes,
       [r IN rels | {source: startNode(r).id, target: endNode(r).id, type: type(r),
                     props: properties(r)}] AS edges,
       truncated
