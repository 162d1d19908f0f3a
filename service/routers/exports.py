"""/api/v1/exports: the graph a page drew, as a GraphML, GEXF or zipped CSV file."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.concurrency import run_in_threadpool

from core.errors import InvalidParameter
from service import export
from service.routers.graph import EXPORT_RESPONSES
from service.schemas.graph import DrawnGraph
from service.schemas.problem import problem_responses

router = APIRouter(tags=["graph"], responses=problem_responses(422))


@router.post("/exports", response_class=Response, responses=EXPORT_RESPONSES)
async def export_drawn(drawn: DrawnGraph) -> Response:
    """Write a drawn graph (what the explorer shows: nodes and edges in the shape the graph
    endpoints give them) as a file to download; reads and changes nothing in the graph.

    Every edge must join two of the nodes sent; at most 2 000 nodes and 20 000 edges.
    """
    ids = {node.id for node in drawn.nodes}
    loose = [edge.id for edge in drawn.edges if edge.source not in ids or edge.target not in ids]
    if loose:
        message = f"{len(loose)} edge(s) name a node not sent, e.g. {loose[0]!r}"
        raise InvalidParameter(message, errors=[{"parameter": "edges", "in": "body",
                                                 "message": message}])
    graph = {"center": drawn.center or (drawn.nodes[0].id if drawn.nodes else "graph"),
             "nodes": [node.model_dump() for node in drawn.nodes],
             "edges": [edge.model_dump() for edge in drawn.edges]}
    file = await run_in_threadpool(export.export, graph, drawn.format, "explorer")
    return Response(file.body, media_type=file.media_type, headers={
        "Content-Disposition": f'attachment; filename="{file.filename}"'})
