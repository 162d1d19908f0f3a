// The names of some authors, to label what the accounts store names only by id (e.g.
// invitations). Contract: $ids (list of author ids); returns id, name, one row per id that
// names an author.
UNWIND $ids AS id
MATCH (a:Author {id: id})
RETURN a.id AS id, a.name AS name
