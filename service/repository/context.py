"""Reads behind the explorer's first view: an author in context, and two authors' shared works."""

from __future__ import annotations

from typing import Any

from core.errors import InvalidParameter, NotFound
from core.graph import Graph
from scoring.topics import TOPIC_COUNT_THRESHOLD
from service.repository.graph import drawable_nodes
from service.repository.resolve import read_entity, resolve_author

# Drawn beside the author, not read from the store: each is named for what it aggregates.
WORKS_ON = "WORKS_ON"  # author → topic, `works`: the author's works about it
PUBLISHES_IN = "PUBLISHES_IN"  # author → venue, `works`: the author's works published there
COLLABORATES_WITH = "COLLABORATES_WITH"  # author - author, `shared_works`, `last_year`


def author_context(graph: Graph, author_id: str, *, collaborators: int, topics: int,
                   institutions: int, venues: int) -> dict[str, Any]:
    """The author, closest co-authors (linked among themselves), main topics, institutions
    and venues as one drawable graph; works are counted on the edges, not drawn."""
    row = read_entity(graph, "authors/get_context", author_id, "Author",
                      collaborators=collaborators, topics=topics, institutions=institutions,
                      venues=venues, topic_min_score=TOPIC_COUNT_THRESHOLD)
    centre = row["author"]["id"]
    focus = dict(row["author"], props={**row["author"]["props"], "works_count": row["works"]})
    picked = [*row["coauthors"], *row["topics"], *row["institutions"], *row["venues"]]
    nodes = drawable_nodes([focus, *(item["node"] for item in picked)])
    edges = [_edge(centre, c["node"]["id"], COLLABORATES_WITH,
                   shared_works=c["shared_works"], last_year=c["last_year"])
             for c in row["coauthors"]]
    edges += [_edge(link["source"], link["target"], COLLABORATES_WITH,
                    shared_works=link["shared_works"]) for link in row["links"]]
    edges += [_edge(centre, t["node"]["id"], WORKS_ON, works=t["works"]) for t in row["topics"]]
    edges += [_edge(centre, i["node"]["id"], "AFFILIATED_WITH", start_year=i["start_year"],
                    end_year=i["end_year"]) for i in row["institutions"]]
    edges += [_edge(centre, v["node"]["id"], PUBLISHES_IN, works=v["works"])
              for v in row["venues"]]
    totals = {"works": row["works"], "collaborators": row["collaborators_total"],
              "topics": row["topics_total"], "institutions": row["institutions_total"],
              "venues": row["venues_total"]}
    shown = {"works": 0, "collaborators": len(row["coauthors"]), "topics": len(row["topics"]),
             "institutions": len(row["institutions"]), "venues": len(row["venues"])}
    return {"center": centre, "depth": 1, "nodes": nodes, "edges": edges, "totals": totals,
            "truncated": any(shown[key] < totals[key] for key in totals if key != "works")}


def shared_works(graph: Graph, author_id: str, other_id: str, limit: int) -> dict[str, Any]:
    """The works two authors share, each linked to both by AUTHORED, newest first."""
    first, second = resolve_author(graph, author_id), resolve_author(graph, other_id)
    if first == second:
        message = f"with names the same author ({first!r}); give a co-author"
        raise InvalidParameter(message, errors=[{"parameter": "with", "in": "query",
                                                 "message": message}])
    row = graph.read_one("authors/list_shared_works", id=first, other=second, limit=limit)
    if row is None:  # deleted between the two reads
        raise NotFound(f"No author has the id {author_id!r} or {other_id!r}.")
    works = row["works"]
    edges = [_edge(author, work["id"], "AUTHORED") for work in works for author in (first, second)]
    return {"center": first, "depth": 1, "total": row["total"],
            "nodes": drawable_nodes([row["author"], row["other"], *works]), "edges": edges,
            "truncated": len(works) < row["total"]}


def _edge(source: str, target: str, kind: str, **props: Any) -> dict[str, Any]:
    """A drawable edge with an id unique per graph; properties without a value left out."""
    return {"id": f"{source}|{kind}|{target}", "source": source, "target": target,
            "type": kind, "properties": {k: v for k, v in props.items() if v is not None}}
