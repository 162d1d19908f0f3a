// What says whether two authors may be one person, for possible-duplicate proposals: each
// author's name, ORCID, source, works, co-authors' names and topics (of its works, at most
// $works_cap of them, so a prolific author costs a bounded read).
// Contract: $ids (list of author ids), $works_cap (int); returns one row per author found:
// id, name, orcid, source, works (list of work ids), coauthors (list of names), topics
// (list of topic ids).
UNWIND $ids AS key
MATCH (a:Author {id: key})
CALL (a) {
  MATCH (a)-[:AUTHORED]->(w:Work)
  WITH w ORDER BY w.id LIMIT $works_cap
  RETURN collect(w) AS works
}
RETURN a.id AS id, a.name AS name, a.orcid AS orcid, a.source AS source,
       [w IN works | w.id] AS works,
       COLLECT { UNWIND works AS w MATCH (w)<-[:AUTHORED]-(c:Author) WHERE c <> a
                 RETURN DISTINCT c.name } AS coauthors,
       COLLECT { UNWIND works AS w MATCH (w)-[:ABOUT]->(t:Topic)
                 RETURN DISTINCT t.id } AS topics
