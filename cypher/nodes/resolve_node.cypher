// Finds the node an id given by a client names, when it is not a node's own `id`: its
// OpenAlex id or URL, ORCID iD, DOI, ROR, arXiv, PubMed or MAG id, or an alias of a
// merged-away record or of a source's record folded into another source's work
// (`work:<id>`, e.g. `work:s2:123`), or of an author folded into another source's by ORCID
// (`author:<id>`; each looked up through its index).
// Python normalises the raw id into the candidates; absent candidates are null or [].
// Contract: $ids (list of candidate node ids), $openalex_id, $orcid, $doi, $ror, $arxiv_id,
// $pmid, $mag_id (string or null), $aliases (list of Alias ids), $labels (list of labels the caller accepts);
// returns at most one row: id (string), label (string).
CALL () {
  UNWIND $ids AS key MATCH (n:Author {id: key}) RETURN n, 0 AS rank
  UNION
  UNWIND $ids AS key MATCH (n:Work {id: key}) RETURN n, 0 AS rank
  UNION
  UNWIND $ids AS key MATCH (n:Topic {id: key}) RETURN n, 0 AS rank
  UNION
  UNWIND $ids AS key MATCH (n:Institution {id: key}) RETURN n, 0 AS rank
  UNION
  UNWIND $ids AS key MATCH (n:Venue {id: key}) RETURN n, 0 AS rank
  UNION
  MATCH (n:Author {openalex_id: $openalex_id}) RETURN n, 1 AS rank
  UNION
  MATCH (n:Work {openalex_id: $openalex_id}) RETURN n, 1 AS rank
  UNION
  MATCH (n:Author {orcid: $orcid}) RETURN n, 1 AS rank
  UNION
  MATCH (n:Work {doi: $doi}) RETURN n, 1 AS rank
  UNION
  MATCH (n:Institution {ror: $ror}) RETURN n, 1 AS rank
  UNION
  MATCH (n:Work {arxiv_id: $arxiv_id}) RETURN n, 1 AS rank
  UNION
  MATCH (n:Work {pmid: $pmid}) RETURN n, 1 AS rank
  UNION
  MATCH (n:Work {mag_id: $mag_id}) RETURN n, 1 AS rank
  UNION
  UNWIND $aliases AS key MATCH (:Alias {id: key})-[:ALIAS_OF]->(n) RETURN n, 2 AS rank
  UNION
  UNWIND $ids AS key MATCH (:Alias {id: 'work:' + key})-[:ALIAS_OF]->(n) RETURN n, 2 AS rank
  UNION
  UNWIND $ids AS key MATCH (:Alias {id: 'author:' + key})-[:ALIAS_OF]->(n) RETURN n, 2 AS rank
}
WITH n, rank, [label IN labels(n) WHERE label IN $labels] AS accepted
WHERE size(accepted) > 0
RETURN n.id AS id, accepted[0] AS label
ORDER BY rank, id
LIMIT 1
