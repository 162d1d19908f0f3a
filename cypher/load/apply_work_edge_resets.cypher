// Replaces a source's own edges of updated works (an S2AG diff's updated papers): the
// byline, topics and venue links of that source the new record no longer has are removed
// (the loader has merged the ones it has); edges to other sources' nodes stay. An author
// who loses a byline is marked changed, for incremental rescoring.
// Contract: $rows = [{work_id, source, author_ids: [string], topic_ids: [string],
// venue_ids: [string]}]; returns changed (int, edges removed).
UNWIND $rows AS row
MATCH (w:Work {id: row.work_id})
CALL {
  WITH w, row
  MATCH (a:Author)-[r:AUTHORED]->(w)
  WHERE a.source = row.source AND NOT a.id IN row.author_ids
  SET a.changed_at = datetime()
  DELETE r
  RETURN count(r) AS authored
}
CALL {
  WITH w, row
  MATCH (w)-[r:ABOUT]->(t:Topic)
  WHERE r.source = row.source AND NOT t.id IN row.topic_ids
  DELETE r
  RETURN count(r) AS about
}
CALL {
  WITH w, row
  MATCH (w)-[r:PUBLISHED_IN]->(v:Venue)
  WHERE v.source = row.source AND NOT v.id IN row.venue_ids
  DELETE r
  RETURN count(r) AS venues
}
RETURN sum(authored + about + venues) AS changed
