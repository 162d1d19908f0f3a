// Per relationship type and property key: as list_node_fingerprints. The row with key ""
// fingerprints the ends: the edges' count, the total length of both ends' ids, and the sum
// of their digits (start times 3 plus end, so a reversed edge counts differently).
// Contract: no parameters; rows group, key, count, length, total, trues.
MATCH (a)-[r]->(b)
WITH type(r) AS group, r, a, b
UNWIND keys(r) + [''] AS key
WITH group, key, r[key] AS v, CASE key WHEN '' THEN [a.id, b.id] END AS ends
RETURN group, key, count(*) AS count,
       sum(CASE WHEN ends IS NOT NULL THEN size(ends[0]) + size(ends[1])
                WHEN v IS :: STRING THEN size(v)
                WHEN v IS :: LIST<ANY> THEN reduce(t = 0, x IN v | t + size(toString(x)))
                ELSE 0 END) AS length,
       sum(CASE WHEN ends IS NOT NULL THEN
                  3 * CASE WHEN ends[0] =~ '[A-Z][0-9]{1,15}' THEN toInteger(substring(ends[0], 1)) ELSE 0 END
                  + CASE WHEN ends[1] =~ '[A-Z][0-9]{1,15}' THEN toInteger(substring(ends[1], 1)) ELSE 0 END
                WHEN v IS :: INTEGER THEN v
                WHEN v IS :: FLOAT THEN toInteger(round(v * 1000000))
                ELSE 0 END) AS total,
       sum(CASE WHEN v = true THEN 1 ELSE 0 END) AS trues
