// Deletes computed topics a new fit no longer has (sources' own topics are never touched).
// Contract: $ids (list of current computed topic ids); returns deleted (int).
MATCH (t:Topic {source: 'peergraph'})
WHERE NOT t.id IN $ids
DETACH DELETE t
RETURN count(*) AS deleted
