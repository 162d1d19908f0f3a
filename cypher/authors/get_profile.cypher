// The profile snapshot of one author (GET /api/v1/authors/{id}). Close collaborators and
// topics are computed from AUTHORED and ABOUT edges, so they work before scoring has run.
// The trust block (score, band, breakdown, scored_at, version) comes from the newest
// published (:Score), not from the copies on the author: a Score is written once, so a
// profile read while scoring/switch_scores copies a new run never mixes two runs' values.
// Contract: $id (author id), $close_min (int: shared works that make a close collaborator),
// $topic_min_score (float: ABOUT score from which a topic counts), $top_topics (int);
// returns one row, none when no author has that id: author (map of its own properties,
// abstract-free), claimed (bool), works, followers, topics, close_collaborators (ints),
// institutions (list of {id, name, country, start_year, end_year}, most recent first),
// top_topics (list of {id, name, works}, most works first).
MATCH (a:Author {id: $id})
CALL (a) {
  MATCH (a)-[:AUTHORED]->(:Work)<-[:AUTHORED]-(c:Author)
  WHERE c <> a
  WITH c, count(*) AS shared
  WHERE shared >= $close_min
  RETURN count(c) AS close_collaborators
}
CALL (a) {
  MATCH (a)-[:AUTHORED]->(w:Work)-[about:ABOUT]->(t:Topic)
  WHERE about.score >= $topic_min_score
  WITH t, count(DISTINCT w) AS works
  ORDER BY works DESC, t.id
  RETURN count(t) AS topics, collect(t {.id, .name, works: works})[..$top_topics] AS top_topics
}
CALL (a) {
  OPTIONAL MATCH (a)-[aff:AFFILIATED_WITH]->(i:Institution)
  WITH i, aff
  ORDER BY coalesce(aff.end_year, 9999) DESC, coalesce(aff.start_year, 0) DESC, i.id
  RETURN collect(i {.id, .name, .country, start_year: aff.start_year,
                    end_year: aff.end_year}) AS institutions
}
CALL (a) {
  OPTIONAL MATCH (a)-[:SCORED]->(s:Score)
  WHERE s.pending IS NULL
  WITH s ORDER BY s.at DESC
  LIMIT 1
  RETURN s
}
RETURN a {.id, .name, .orcid, .openalex_id, .identity, trust_score: s.value,
          trust_band: s.band, trust_breakdown: s.breakdown, scored_at: s.at,
          score_version: s.version, .verification_level, .verification_label,
          .verification_reasons} AS author,
       coalesce(a.claimed, false) OR EXISTS { (:User)-[:CLAIMED]->(a) } AS claimed,
       COUNT { (a)-[:AUTHORED]->() } AS works,
       COUNT { (:User)-[:FOLLOWS]->(a) } AS followers,
       topics, close_collaborators, institutions, top_topics
