// Groups of authors that are one person by ORCID iD across sources (an OpenAlex author and
// the S2AG author with the same iD), among the authors this load wrote (changed_at since
// $since), and authors that exist again under an id already folded into another (a later
// byline of that source, after an ORCID merge or a person's): the loader folds each
// group into one node (loaders/author_matching.py). Matching is on the iD only, never on
// a name.
// Contract: $since (datetime); returns target (property map or null: the node an alias
// already names) and nodes (list of property maps), one row per group.
CALL () {
  MATCH (a:Author) WHERE a.changed_at >= $since AND a.orcid IS NOT NULL
  MATCH (b:Author {orcid: a.orcid})
  WHERE b.id <> a.id AND coalesce(b.source, '') <> coalesce(a.source, '')
  WITH DISTINCT a.orcid AS orcid
  MATCH (n:Author {orcid: orcid})
  RETURN null AS target, collect(n {.*}) AS nodes
  UNION
  MATCH (al:Alias)-[:ALIAS_OF]->(t:Author) WHERE al.source IN ['matching', 'admin', 'claimant']
  MATCH (n:Author {id: al.old_id})
  RETURN t {.*} AS target, collect(n {.*}) AS nodes
}
RETURN target, nodes
