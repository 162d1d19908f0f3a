// Applies OpenAlex merged_ids for authors: the merged-away node's edges move to the
// surviving node, the old node goes, and an (:Alias {id: 'openalex:<old id>'}) keeps the
// old id findable. A survivor not loaded yet is made from the old node's properties; an
// alias whose nodes are both absent waits (target_id kept) until one appears.
// Contract: $rows = [{old_id, new_id, merged_on?: string}]; returns changed (int, nodes moved).
// The survivor gets the old node's properties as one map with the new id in it: setting
// them first and the id after would give it the old id for a moment, which the uniqueness
// constraint refuses (it is checked as each property is set).
UNWIND $rows AS row
MERGE (al:Alias {id: 'openalex:' + row.old_id})
SET al.old_id = row.old_id, al.target_id = row.new_id, al.target_label = 'Author',
    al.merged_on = row.merged_on, al.source = 'openalex'
WITH al, row
OPTIONAL MATCH (old:Author {id: row.old_id})
OPTIONAL MATCH (existing:Author {id: row.new_id})
WITH al, row, old, existing WHERE old IS NOT NULL OR existing IS NOT NULL
CALL {
  WITH old, row
  WITH old, row WHERE old IS NOT NULL
  MERGE (new:Author {id: row.new_id})
  ON CREATE SET new += old{.*, id: row.new_id, openalex_id: row.new_id}
  SET new.changed_at = datetime()
  WITH old, new
  CALL { WITH old, new
    MATCH (old)-[r:AUTHORED]->(w) MERGE (new)-[m:AUTHORED]->(w) SET m += properties(r) }
  CALL { WITH old, new
    MATCH (old)-[r:AFFILIATED_WITH]->(i) MERGE (new)-[m:AFFILIATED_WITH]->(i)
    SET m += properties(r) }
  CALL { WITH old, new
    MATCH (u)-[r:FOLLOWS]->(old) MERGE (u)-[m:FOLLOWS]->(new) SET m += properties(r) }
  CALL { WITH old, new
    MATCH (u)-[r:CLAIMED]->(old) MERGE (u)-[m:CLAIMED]->(new) SET m += properties(r) }
  DETACH DELETE old
  RETURN count(*) AS moved
}
MATCH (target:Author {id: row.new_id})
MERGE (al)-[:ALIAS_OF]->(target)
RETURN sum(moved) AS changed
