// What collaborator suggestions compare and show of each author in $ids: name, whether a
// researcher holds the record, and its topics (ABOUT score >= $topic_min_score) with how many
// of its works are about each.
// Contract: $ids (list of author ids), $topic_min_score (float); one row per author found:
// id, name, claimed (bool), topics (list of {id, name, works: int}).
UNWIND $ids AS author_id
MATCH (a:Author {id: author_id})
CALL (a) {
  MATCH (a)-[:AUTHORED]->(w:Work)-[r:ABOUT]->(t:Topic)
  WHERE r.score >= $topic_min_score
  WITH t, count(DISTINCT w) AS works
  RETURN collect({id: t.id, name: t.name, works: works}) AS topics
}
RETURN a.id AS id, a.name AS name,
       coalesce(a.claimed, false) OR EXISTS { (:User)-[:CLAIMED]->(a) } AS claimed, topics
