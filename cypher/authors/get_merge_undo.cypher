// The undo snapshot an admin's merge of a duplicate author left on its alias.
// Contract: $old_id (the duplicate's id); returns one row, none when no admin merge of it
// is recorded: survivor (id), undo (JSON string, as service/repository/author_merges.py
// wrote it).
MATCH (al:Alias {id: 'author:' + $old_id, source: 'admin'})-[:ALIAS_OF]->(s:Author)
RETURN s.id AS survivor, al.undo AS undo
