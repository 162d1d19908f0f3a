// What an admin's merge of a duplicate author changes, kept so the merge can be undone:
// both authors' properties, and each of the duplicate's edges (byline, affiliations,
// follows, claims) with its other end, its properties and whether the survivor already had
// one to that end (an undo then leaves the survivor's own edge), and the aliases pointing
// at the duplicate (its older merges and merged ids: an undo points them back at it).
// Contract: $survivor, $duplicate (author ids); returns one row, none when either is
// missing: survivor, duplicate (property maps), authored, affiliated, follows, claimed
// (lists of {end, props, survivor_had}), aliases (list of alias ids).
MATCH (s:Author {id: $survivor})
MATCH (d:Author {id: $duplicate})
RETURN s {.*} AS survivor, d {.*} AS duplicate,
       COLLECT { MATCH (d)-[r:AUTHORED]->(w)
                 RETURN {end: w.id, props: properties(r),
                         survivor_had: EXISTS { (s)-[:AUTHORED]->(w) }} } AS authored,
       COLLECT { MATCH (d)-[r:AFFILIATED_WITH]->(i)
                 RETURN {end: i.id, props: properties(r),
                         survivor_had: EXISTS { (s)-[:AFFILIATED_WITH]->(i) }} } AS affiliated,
       COLLECT { MATCH (u)-[r:FOLLOWS]->(d)
                 RETURN {end: u.id, props: properties(r),
                         survivor_had: EXISTS { (u)-[:FOLLOWS]->(s) }} } AS follows,
       COLLECT { MATCH (u)-[r:CLAIMED]->(d)
                 RETURN {end: u.id, props: properties(r),
                         survivor_had: EXISTS { (u)-[:CLAIMED]->(s) }} } AS claimed,
       COLLECT { MATCH (al:Alias)-[:ALIAS_OF]->(d) RETURN al.id } AS aliases
