// Finds merged-away OpenAlex ids that a later record brought back as nodes, so the loader
// can apply their merge again (a load converges whatever order its inputs came in).
// Contract: $label (one of Author, Work, Institution, Venue); returns old_id, new_id, merged_on.
MATCH (al:Alias {target_label: $label})
WHERE al.old_id IS NOT NULL
  AND (EXISTS { MATCH (n:Author {id: al.old_id}) WHERE $label = 'Author' }
    OR EXISTS { MATCH (n:Work {id: al.old_id}) WHERE $label = 'Work' }
    OR EXISTS { MATCH (n:Institution {id: al.old_id}) WHERE $label = 'Institution' }
    OR EXISTS { MATCH (n:Venue {id: al.old_id}) WHERE $label = 'Venue' }
    OR NOT EXISTS { (al)-[:ALIAS_OF]->() })
RETURN al.old_id AS old_id, al.target_id AS new_id, al.merged_on AS merged_on
