// The stored collaboration pairs of the authors $ids (an incremental run diffs against them),
// in the row shape of scoring/list_collaborations (one pair per row here).
// Contract: $ids (list of author ids); returns a, bs, shared, years, weights (lists of one).
UNWIND $ids AS author_id
MATCH (:Author {id: author_id})-[c:COLLABORATES_WITH]-(:Author)
WITH DISTINCT c
RETURN startNode(c).id AS a, [endNode(c).id] AS bs, [c.shared_works] AS shared,
       [coalesce(c.last_year, -1)] AS years, [c.weight] AS weights
