// Applies OpenAlex merged_ids for institutions, like apply_author_merges: affiliations move
// to the surviving institution, the old node goes, an Alias keeps the old id findable.
// Contract: $rows = [{old_id, new_id, merged_on?: string}]; returns changed (int, nodes moved).
// The survivor gets the old node's properties as one map with the new id in it: setting
// them first and the id after would give it the old id for a moment, which the uniqueness
// constraint refuses (it is checked as each property is set).
UNWIND $rows AS row
MERGE (al:Alias {id: 'openalex:' + row.old_id})
SET al.old_id = row.old_id, al.target_id = row.new_id, al.target_label = 'Institution',
    al.merged_on = row.merged_on, al.source = 'openalex'
WITH al, row
OPTIONAL MATCH (old:Institution {id: row.old_id})
OPTIONAL MATCH (existing:Institution {id: row.new_id})
WITH al, row, old, existing WHERE old IS NOT NULL OR existing IS NOT NULL
CALL {
  WITH old, row
  WITH old, row WHERE old IS NOT NULL
  MERGE (new:Institution {id: row.new_id})
  ON CREATE SET new += old{.*, id: row.new_id}
  WITH old, new
  CALL { WITH old, new
    MATCH (a)-[r:AFFILIATED_WITH]->(old) MERGE (a)-[m:AFFILIATED_WITH]->(new)
    SET m += properties(r) }
  DETACH DELETE old
  RETURN count(*) AS moved
}
MATCH (target:Institution {id: row.new_id})
MERGE (al)-[:ALIAS_OF]->(target)
RETURN sum(moved) AS changed
