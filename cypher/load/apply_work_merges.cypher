// Applies OpenAlex merged_ids for works, like apply_author_merges: edges (byline, topics,
// venue, citations both ways) move to the surviving work, the old node goes, an
// (:Alias {id: 'openalex:<old id>'}) keeps the old id findable.
// Contract: $rows = [{old_id, new_id, merged_on?: string}]; returns changed (int, nodes moved).
// The survivor gets the old node's properties as one map with the new id in it: setting
// them first and the id after would give it the old id for a moment, which the uniqueness
// constraint refuses (it is checked as each property is set).
UNWIND $rows AS row
MERGE (al:Alias {id: 'openalex:' + row.old_id})
SET al.old_id = row.old_id, al.target_id = row.new_id, al.target_label = 'Work',
    al.merged_on = row.merged_on, al.source = 'openalex'
WITH al, row
OPTIONAL MATCH (old:Work {id: row.old_id})
OPTIONAL MATCH (existing:Work {id: row.new_id})
WITH al, row, old, existing WHERE old IS NOT NULL OR existing IS NOT NULL
CALL {
  WITH old, row
  WITH old, row WHERE old IS NOT NULL
  MERGE (new:Work {id: row.new_id})
  ON CREATE SET new += old{.*, id: row.new_id, openalex_id: row.new_id}
  WITH old, new
  CALL { WITH old, new
    MATCH (a)-[r:AUTHORED]->(old) MERGE (a)-[m:AUTHORED]->(new) SET m += properties(r) }
  CALL { WITH old, new
    MATCH (old)-[r:ABOUT]->(t) MERGE (new)-[m:ABOUT]->(t) SET m += properties(r) }
  CALL { WITH old, new
    MATCH (old)-[:PUBLISHED_IN]->(v) WHERE NOT (new)-[:PUBLISHED_IN]->()
    MERGE (new)-[:PUBLISHED_IN]->(v) }
  CALL { WITH old, new
    MATCH (old)-[:CITES]->(c) WHERE c <> new MERGE (new)-[:CITES]->(c) }
  CALL { WITH old, new
    MATCH (c)-[:CITES]->(old) WHERE c <> new MERGE (c)-[:CITES]->(new) }
  DETACH DELETE old
  RETURN count(*) AS moved
}
MATCH (target:Work {id: row.new_id})
MERGE (al)-[:ALIAS_OF]->(target)
RETURN sum(moved) AS changed
