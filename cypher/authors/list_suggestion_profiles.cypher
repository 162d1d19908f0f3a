// What collaborator suggestions compare and show of each author in $ids: name, whether a
// researcher holds the record, whether it shares a work with the author $source, and its topics (ABOUT score >= $topic_min_score) with how many
// of its works are about each (its $top_topics biggest: enough to compare two researchers).
// Contract: $source (author id), $ids (list of author ids), $topic_min_score (float),
// $top_topics (int); one row per author found: id, name, claimed, coauthor (bools), topics
// (list of {id, name, works: int}).
MATCH (source:Author {id: $source})
UNWIND $ids AS author_id
MATCH (a:Author {id: author_id})
CALL (a) {
  MATCH (a)-[:AUTHORED]->(w:Work)-[r:ABOUT]->(t:Topic)
  WHERE r.score >= $topic_min_score
  WITH t, count(DISTINCT w) AS works
  ORDER BY works DESC, t.id LIMIT $top_topics
  RETURN collect({id: t.id, name: t.name, works: works}) AS topics
}
RETURN a.id AS id, a.name AS name,
       coalesce(a.claimed, false) OR EXISTS { (:User)-[:CLAIMED]->(a) } AS claimed,
       // from the candidate's works (each has few authors; the source may have thousands)
       EXISTS { MATCH (a)-[:AUTHORED]->(w:Work) WHERE (source)-[:AUTHORED]->(w) } AS coauthor,
       topics
