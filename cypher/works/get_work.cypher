// One work with its counts and the first page of each kind of related entity
// (GET /api/v1/works/{id}).
// A paper several sources describe is one node: `sources` lists them, with their ids.
// Contract: $id (work id), $limit (int: entities listed per kind); returns one row, none
// when no work has that id: work (map of its properties, with the Retraction Watch notice
// where one was loaded: retracted, retraction_date, retraction_nature, retraction_reasons;
// reinstated_date when a reinstatement voided the notices before it),
// venue ({id, name} or null), authors (list of {id, name, position}, byline order), topics (list of {id, name, score},
// best score first), references (works it cites) and cited_by (works citing it), each a
// list of {id, title, year}, newest first; counts {authors, topics, references, cited_by}.
MATCH (w:Work {id: $id})
RETURN w {.id, .title, .abstract, .year, .type, .doi, .arxiv_id, .openalex_id,
          .s2_corpus_id, .pmid, .mag_id, .sources, .cited_by_count, .publication_date,
          .is_stub, .retracted, .retraction_date, .retraction_nature,
          .retraction_reasons, .reinstated_date} AS work,
       COLLECT { MATCH (w)-[:PUBLISHED_IN]->(v:Venue) RETURN v {.id, .name} LIMIT 1 }[0] AS venue,
       COLLECT { MATCH (a:Author)-[r:AUTHORED]->(w)
                 WITH a, r ORDER BY r.position, a.id LIMIT $limit
                 RETURN a {.id, .name, position: r.position} } AS authors,
       COLLECT { MATCH (w)-[r:ABOUT]->(t:Topic)
                 WITH t, r ORDER BY r.score DESC, t.id LIMIT $limit
                 RETURN t {.id, .name, score: r.score} } AS topics,
       COLLECT { MATCH (w)-[:CITES]->(c:Work)
                 WITH c ORDER BY coalesce(c.year, -1) DESC, c.id LIMIT $limit
                 RETURN c {.id, .title, .year} } AS references,
       COLLECT { MATCH (w)<-[:CITES]-(c:Work)
                 WITH c ORDER BY coalesce(c.year, -1) DESC, c.id LIMIT $limit
                 RETURN c {.id, .title, .year} } AS cited_by,
       {authors: COUNT { (w)<-[:AUTHORED]-() }, topics: COUNT { (w)-[:ABOUT]->() },
        references: COUNT { (w)-[:CITES]->() }, cited_by: COUNT { (w)<-[:CITES]-() }} AS counts
