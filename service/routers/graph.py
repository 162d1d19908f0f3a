"""/api/v1/nodes/{id}/neighbourhood and /api/v1/paths: graphs Cytoscape.js can draw."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from service.deps import GraphDep, SettingsDep
from service.encoding import encoded
from service.repository import graph as graph_repo
from service.repository.resolve import NODE_LABELS
from service.schemas.graph import CollaborationPaths, Neighbourhood
from service.schemas.problem import problem_responses

router = APIRouter(tags=["graph"],
                   responses=problem_responses(404, 422, 503, 504))


# Hot paths: `async def` + `encoded` = one thread-pool hop per request, the JSON written once
# (service/encoding.py); `response_model` keeps the OpenAPI document as it was.
@router.get("/nodes/{node_id:anyid}/neighbourhood", response_model=Neighbourhood)
async def node_neighbourhood(
    node_id: Annotated[str, Path(max_length=512, description="Any node's id (or an OpenAlex "
                                                             "id, ORCID, DOI, ROR, alias)")],
    graph: GraphDep, settings: SettingsDep,
    depth: Annotated[int, Query(ge=1, le=2, description="1 or 2 hops")] = 1,
    types: Annotated[str | None, Query(max_length=200, description=(
        "comma-separated node types to include: " + ",".join(NODE_LABELS)))] = None,
    edge_types: Annotated[str | None, Query(max_length=200, description=(
        "comma-separated relationship types to follow: " + ",".join(graph_repo.EDGE_TYPES)))]
    = None,
    limit: Annotated[int, Query(ge=1, le=2000, description="most nodes returned, centre "
                                                           "included")] = 200,
) -> Response:
    """The node's neighbourhood as nodes and edges, capped at `limit` nodes.

    When capped, the most relevant neighbours are kept (co-authors by shared works, works by
    recency, topics by score, others by degree; at depth 2, nodes linked to most first-hop
    neighbours) and `truncated` is true. Only nodes of the requested types are visited.
    """
    return await encoded(
        graph_repo.neighbourhood, graph, settings, node_id, depth=depth, limit=limit,
        types=graph_repo.allowed(types, NODE_LABELS, "types"),
        edge_types=graph_repo.allowed(edge_types, graph_repo.EDGE_TYPES, "edge_types"))


@router.get("/paths", response_model=CollaborationPaths)
async def collaboration_paths(
    graph: GraphDep,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=512,
                                 description="an author's id (any of its ids)")],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=512)],
    max_hops: Annotated[int, Query(ge=1, le=6, description="author-to-author steps")] = 6,
) -> Response:
    """The shortest collaboration paths (authors linked by shared works) between two authors.

    All shortest paths (up to 10) are merged into one graph; `paths` lists each as node ids.
    404 when the two are not connected within `max_hops`.
    """
    return await encoded(graph_repo.collaboration_paths, graph, source, target, max_hops)
