"""Nodes and edges in the shape Cytoscape.js draws directly (`{data: …}` per element)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from service.schemas import examples


class GraphNode(BaseModel):
    """A node: its id, its type (label), a display label and a few display properties."""

    id: str
    type: str = Field(description="Author, Work, Topic, Institution or Venue")
    label: str = Field(description="name, or title for a work")
    hop: int | None = Field(None, description="distance from the centre (neighbourhoods)")
    properties: dict[str, Any]


class GraphEdge(BaseModel):
    """A relationship, directed as stored; `id` is `source|TYPE|target`, unique per graph."""

    id: str
    source: str
    target: str
    type: str
    properties: dict[str, Any]


class Neighbourhood(BaseModel):
    """A node's neighbourhood; `truncated` says that some neighbours were left out."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.NEIGHBOURHOOD]})

    center: str
    depth: int
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool


class CollaborationPaths(BaseModel):
    """The shortest collaboration paths between two authors, merged into one graph."""

    source: str = Field(alias="from")
    target: str = Field(alias="to")
    hops: int = Field(description="collaboration steps (author to author via a shared work)")
    paths: list[list[str]] = Field(description="each path as node ids, from `from` to `to`")
    nodes: list[GraphNode]
    edges: list[GraphEdge]

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True,
                              json_schema_extra={"examples": [examples.PATHS]})


class ContextTotals(BaseModel):
    """How many of each the author has in all (the drawing keeps the closest few)."""

    works: int
    collaborators: int
    topics: int
    institutions: int
    venues: int


class AuthorContext(Neighbourhood):
    """An author in context: co-authors (COLLABORATES_WITH, `shared_works`), topics
    (WORKS_ON, `works`), institutions (AFFILIATED_WITH) and venues (PUBLISHES_IN, `works`);
    works are counted on those edges, not drawn. `truncated`: some were left out."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.CONTEXT]})

    totals: ContextTotals


class SharedWorks(Neighbourhood):
    """The works two authors share, linked to both by AUTHORED; `total` counts them all."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.SHARED_WORKS]})

    total: int


MAX_EXPORT_NODES = 2000
MAX_EXPORT_EDGES = 20_000


class DrawnGraph(BaseModel):
    """A graph as a page drew it (nodes and edges as the graph endpoints give them), to be
    written as a file: what the explorer shows, its derived edges included."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"format": "graphml", "center": examples.NEIGHBOURHOOD["center"],
         "nodes": examples.NEIGHBOURHOOD["nodes"], "edges": examples.NEIGHBOURHOOD["edges"]}]})

    format: Literal["graphml", "gexf", "csv"]
    center: str | None = Field(None, max_length=512, description="names the file")
    nodes: list[GraphNode] = Field(max_length=MAX_EXPORT_NODES)
    edges: list[GraphEdge] = Field(max_length=MAX_EXPORT_EDGES)
