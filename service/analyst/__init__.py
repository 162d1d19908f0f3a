"""Analyst access: read-only ad-hoc Cypher, saved queries and the graph model.

guard (refuse anything that is not a plain read, before it runs), runner (a READ
transaction with a server-side timeout and a streamed row cap), values (JSON/CSV
serialisation), failures (Neo4j errors as problem+json), catalogue (saved queries in
cypher/analyst/), model (labels, relationship types and properties of the live graph).
"""
