// Removes the e-mail addresses from author records (copied to the accounts store first).
// Contract: no parameters; returns stripped (int: authors that had addresses).
MATCH (a:Author)
WHERE a.emails IS NOT NULL
REMOVE a.emails
RETURN count(a) AS stripped
