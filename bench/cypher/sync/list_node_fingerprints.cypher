// Per label and property key (changed_at, a timestamp, left out): how many nodes hold it,
// the total length of its strings and lists, the sum of its integers and of its floats
// (times 10^6, rounded: sums of integers do not depend on the order), how many are true.
// The row with key "" fingerprints the ids: their count, total length and the sum of their
// digits (W123 -> 123). Bookkeeping nodes (load runs, sync watermarks, the schema version)
// are left out. Contract: no parameters; rows group, key, count, length, total, trues.
MATCH (n)
WHERE NOT n:LoadRun AND NOT n:SyncState AND NOT n:SchemaVersion
WITH reduce(s = '', l IN labels(n) | s + ':' + l) AS group, n
UNWIND [k IN keys(n) WHERE k <> 'changed_at'] + [''] AS key
WITH group, key, CASE key WHEN '' THEN coalesce(n.id, n.key) ELSE n[key] END AS v
RETURN group, key, count(*) AS count,
       sum(CASE WHEN v IS :: STRING THEN size(v)
                WHEN v IS :: LIST<ANY> THEN reduce(t = 0, x IN v | t + size(toString(x)))
                ELSE 0 END) AS length,
       sum(CASE WHEN v IS :: INTEGER THEN v
                WHEN v IS :: FLOAT THEN toInteger(round(v * 1000000))
                WHEN key = '' AND v =~ '[A-Z][0-9]{1,15}' THEN toInteger(substring(v, 1))
                ELSE 0 END) AS total,
       sum(CASE WHEN v = true THEN 1 ELSE 0 END) AS trues
