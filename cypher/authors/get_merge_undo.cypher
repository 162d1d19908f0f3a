// The undo snapshot a person's merge of a duplicate author (an admin's, or the survivor's
// verified claimant's) left on its alias.
// Contract: $old_id (the duplicate's id); returns one row, none when no such merge of it
// is recorded: survivor (id, the node the alias points at now), decided_by ('admin' |
// 'claimant'), holders (user ids holding the survivor), undo (JSON string, as
// service/repository/author_merges.py wrote it).
MATCH (al:Alias {id: 'author:' + $old_id})-[:ALIAS_OF]->(s:Author)
WHERE al.source IN ['admin', 'claimant']
RETURN s.id AS survivor, al.source AS decided_by,
       [(u:User)-[:CLAIMED]->(s) | u.id] AS holders, al.undo AS undo
