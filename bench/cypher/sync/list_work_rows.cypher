// The given works' own properties (changed_at left out) and every edge they have, with the
// other end's id and the edge's properties. Contract: $ids (list of work ids); rows id,
// props (map), edges (list of maps: type, out (bool), other, props).
MATCH (w:Work) WHERE w.id IN $ids
RETURN w.id AS id, w {.*, changed_at: null} AS props,
       COLLECT { MATCH (w)-[r]-(o)
                 RETURN {type: type(r), out: startNode(r) = w, other: o.id,
                         props: properties(r)} } AS edges
