"""/api/v1/nodes/{id}/neighbourhood and /api/v1/paths: graphs Cytoscape.js can draw."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response
from starlette.concurrency import run_in_threadpool

from core.graph import Graph
from core.settings import Settings
from service import export
from service.deps import GraphDep, SettingsDep
from service.encoding import encoded
from service.repository import graph as graph_repo
from service.repository.resolve import NODE_LABELS
from service.schemas.graph import CollaborationPaths, Neighbourhood
from service.schemas.problem import problem_responses

router = APIRouter(tags=["graph"],
                   responses=problem_responses(404, 422, 503, 504))

ExportFormat = Literal["json", "graphml", "gexf", "csv"]
_BINARY = {"schema": {"type": "string", "format": "binary"}}
# The 200 answer's other media types, for the OpenAPI document (JSON comes from the model).
EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {200: {
    "description": "The neighbourhood: JSON, or with `format` a file to download",
    "content": {
        "application/graphml+xml": {**_BINARY, "example": (
            '<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<graphml xmlns="http://graphml.'
            'graphdrawing.org/xmlns">\n  <key id="d0" for="node" attr.name="type" '
            'attr.type="string" />\n  <graph edgedefault="directed">\n    <node id='
            '"researcher0"><data key="d0">Author</data></node>\n  </graph>\n</graphml>')},
        "application/gexf+xml": {**_BINARY, "example": (
            '<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<gexf xmlns="http://www.gexf.net/'
            '1.2draft" version="1.2">\n  <graph defaultedgetype="directed">\n    <nodes>'
            '<node id="researcher0" label="Researcher 0" /></nodes>\n  </graph>\n</gexf>')},
        "application/zip": _BINARY},
    "headers": {"Content-Disposition": {
        "description": 'with `format`: attachment; filename="peergraph-<id>-neighbourhood.<ext>"',
        "schema": {"type": "string"}}}}}


# Hot paths: `async def` + `encoded` = one thread-pool hop per request, the JSON written once
# (service/encoding.py); `response_model` keeps the OpenAPI document as it was.
@router.get("/nodes/{node_id:anyid}/neighbourhood", response_model=Neighbourhood,
            responses=EXPORT_RESPONSES)
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
    export_format: Annotated[ExportFormat, Query(alias="format", description=(
        "json, or a file to download: graphml (yEd, Gephi), gexf (Gephi), csv (a zip of "
        "nodes.csv and edges.csv for a spreadsheet)"))] = "json",
) -> Response:
    """The node's neighbourhood as nodes and edges, capped at `limit` nodes.

    When capped, the most relevant neighbours are kept (co-authors by shared works, works by
    recency, topics by score, others by degree; at depth 2, nodes linked to most first-hop
    neighbours) and `truncated` is true. Only nodes of the requested types are visited.
    With `format`, the same graph as a GraphML, GEXF or zipped CSV file (an attachment):
    nodes keep type, label, hop and their scalar properties, edges their type.
    """
    chosen: dict[str, Any] = {
        "depth": depth, "limit": limit, "types": graph_repo.allowed(types, NODE_LABELS, "types"),
        "edge_types": graph_repo.allowed(edge_types, graph_repo.EDGE_TYPES, "edge_types")}
    if export_format == "json":  # the hot path, as before: one hop, orjson
        return await encoded(graph_repo.neighbourhood, graph, settings, node_id, **chosen)
    file = await run_in_threadpool(_exported, export_format, graph, settings, node_id, chosen)
    return Response(file.body, media_type=file.media_type, headers={
        "Content-Disposition": f'attachment; filename="{file.filename}"'})


def _exported(fmt: str, graph: Graph, settings: Settings, node_id: str,
              chosen: dict[str, Any]) -> export.Export:
    """Read the neighbourhood and write it as a file, in one thread-pool hop."""
    return export.export(graph_repo.neighbourhood(graph, settings, node_id, **chosen), fmt)


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
