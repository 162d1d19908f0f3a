// E-mail addresses on author records as the graph kept them before the accounts store
// (Author.emails). Contract: no parameters; returns row (map: author_id, email), one row per
// author and address.
MATCH (a:Author)
WHERE a.emails IS NOT NULL
UNWIND a.emails AS email
RETURN {author_id: a.id, email: toLower(email)} AS row
