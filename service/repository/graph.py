"""Reads behind /api/v1/nodes/{id}/neighbourhood and /api/v1/paths: graphs for drawing."""

from __future__ import annotations

from typing import Any

from core.errors import InvalidParameter, NotFound
from core.graph import Graph
from core.settings import Settings
from service.repository.resolve import NODE_LABELS, resolve, resolve_author

# The only relationship types a neighbourhood may follow; user-facing names map onto these.
EDGE_TYPES = ("AUTHORED", "ABOUT", "PUBLISHED_IN", "CITES", "AFFILIATED_WITH",
              "COLLABORATES_WITH")
MAX_PATHS = 10


def allowed(raw: str | None, allow: tuple[str, ...], parameter: str) -> list[str]:
    """Comma-separated names checked (case-insensitively) against an allow-list; 422 if not."""
    if raw is None or not raw.strip():
        return list(allow)
    by_key = {name.lower(): name for name in allow}
    wanted = [part.strip() for part in raw.split(",") if part.strip()]
    unknown = [name for name in wanted if name.lower() not in by_key]
    if unknown:
        message = f"unknown {', '.join(map(repr, unknown))}; use any of {', '.join(allow)}"
        raise InvalidParameter(f"{parameter}: {message}",
                               errors=[{"parameter": parameter, "in": "query",
                                        "message": message}])
    return list(dict.fromkeys(by_key[name.lower()] for name in wanted))


def neighbourhood(graph: Graph, settings: Settings, node_id: str, *, depth: int, limit: int,
                  types: list[str], edge_types: list[str]) -> dict[str, Any]:
    """The capped, ranked neighbourhood of any node (found by any of its ids), in the shape
    of schemas.graph.Neighbourhood (see _nodes for why a dict)."""
    hop1_limit = limit - 1 if depth == 1 else max(1, (limit - 1) // 2)
    params: dict[str, Any] = {
        "types": types, "rel_types": edge_types, "depth": depth, "hop1_limit": hop1_limit,
        "node_budget": limit - 1, "scan_cap": settings.explore_scan_cap,
        "hop2_scan_cap": settings.explore_hop2_scan_cap}
    row = graph.read_one("nodes/expand_neighbourhood", id=node_id, **params)
    if row is None:
        resolved = resolve(graph, node_id)
        if resolved is None:
            raise NotFound(f"No node has the id {node_id!r}.")
        row = graph.read_one("nodes/expand_neighbourhood", id=resolved[0],
                       **params)
        if row is None:  # deleted between the two reads
            raise NotFound(f"No node has the id {node_id!r}.")
    nodes = drawable_nodes(row["nodes"])
    return {"center": nodes[0]["id"], "depth": depth, "nodes": nodes,
            "edges": _edges(row["edges"]), "truncated": row["truncated"]}


# Nodes and edges are plain dicts in the shape of schemas.graph.GraphNode/GraphEdge, encoded
# by schemas.encoded.dumps (which also writes Neo4j's temporal values): building and
# validating hundreds of pydantic objects per answer took several times longer than these
# dicts and orjson together (docs/PERFORMANCE.md, "Exploration API").
def drawable_nodes(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Graph nodes, each once (the first, nearest occurrence wins)."""
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["id"] is None:
            continue  # deleted by a concurrent write (e.g. a rescoring) while we read it
        if row["id"] not in seen:
            props = _present(row["props"])
            seen[row["id"]] = {
                "id": row["id"], "type": _node_type(row["labels"]),
                "label": props.get("name") or props.get("title") or row["id"],
                "hop": row.get("hop"), "properties": props}
    return list(seen.values())


def _present(props: dict[str, Any]) -> dict[str, Any]:
    """The properties that have a value (absent properties come back as null)."""
    return {key: value for key, value in props.items() if value is not None}


def _node_type(labels: list[str]) -> str:
    """The node's type: its first label from the known ones."""
    return next((label for label in labels if label in NODE_LABELS), labels[0] if labels else "")


def _edges(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Graph edges, each once, with an id made of its ends and type."""
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["source"] is None or row["target"] is None or row["type"] is None:
            continue  # read-committed: a rescoring deleted it (e.g. an old ABOUT) meanwhile
        edge_id = f"{row['source']}|{row['type']}|{row['target']}"
        if edge_id not in seen:
            seen[edge_id] = {"id": edge_id, "source": row["source"], "target": row["target"],
                             "type": row["type"], "properties": _present(row["props"])}
    return list(seen.values())


def collaboration_paths(graph: Graph, source: str, target: str,
                        max_hops: int) -> dict[str, Any]:
    """The shortest collaboration paths between two authors, in the shape of
    schemas.graph.CollaborationPaths (by alias); 404 when none within max_hops."""
    source_id, target_id = resolve_author(graph, source), resolve_author(graph, target)
    if source_id == target_id:
        message = f"from and to name the same author ({source_id!r}); give two authors"
        raise InvalidParameter(message, errors=[{"parameter": "to", "in": "query",
                                                 "message": message}])
    rows = graph.read("paths/find_collaboration_paths", **{
        "from": source_id, "to": target_id, "max_paths": MAX_PATHS})
    if not rows or rows[0]["hops"] > max_hops:
        raise NotFound(f"No collaboration path between {source_id!r} and {target_id!r} within "
                       f"{max_hops} hop(s) (a hop is two authors sharing a work).")
    return {"from": source_id, "to": target_id, "hops": rows[0]["hops"],
            "paths": [[node["id"] for node in row["nodes"]] for row in rows],
            "nodes": drawable_nodes([node for row in rows for node in row["nodes"]]),
            "edges": _edges([edge for row in rows for edge in row["edges"]])}
