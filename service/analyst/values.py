"""Driver values (nodes, relationships, paths, temporal and spatial types) as JSON and CSV."""

from __future__ import annotations

import base64
import math
from collections.abc import Callable
from typing import Any

import orjson
from neo4j._codec.hydration import BrokenHydrationObject  # what Record.values() refuses
from neo4j.exceptions import BrokenRecordError
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Duration

from core.values import TEMPORAL, iso_text

# Values JSON takes as they are; checked by exact type first, as most values are these.
_PLAIN = frozenset({str, int, bool, type(None)})


def to_json(value: Any) -> Any:
    """A JSON-ready copy: graph entities with ids, labels/type and properties; times as ISO."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    convert = _BY_TYPE.get(kind)
    return convert(value) if convert is not None else _by_instance(value)


def _float(value: float) -> Any:
    """NaN and infinities are not JSON: they travel as text."""
    return value if math.isfinite(value) else str(value)


def _list(value: list[Any] | tuple[Any, ...]) -> list[Any]:
    """Items converted; plain ones kept without a call."""
    return [item if type(item) in _PLAIN else to_json(item) for item in value]


def _dict(value: Any) -> dict[str, Any]:
    """Keys as text, values converted (a dict, or a node or relationship: both have items)."""
    return {str(key): item if type(item) in _PLAIN else to_json(item)
            for key, item in value.items()}


def _path(path: Path) -> dict[str, Any]:
    """A path: its nodes and relationships in order."""
    return {"kind": "path", "nodes": [_node(n) for n in path.nodes],
            "relationships": [_relationship(r) for r in path.relationships]}


def _by_instance(value: Any) -> Any:
    """The slower route, for subclasses (each relationship type is its own class)."""
    if isinstance(value, Relationship):
        return _relationship(value)
    if isinstance(value, Node):
        return _node(value)
    if isinstance(value, Path):
        return _path(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, Point | Duration):  # both are tuples: before the list case
        return _scalar(value)
    if isinstance(value, list | tuple):
        return _list(value)
    if isinstance(value, dict):
        return _dict(value)
    return _scalar(value)


def _node(node: Node, deep: bool = True) -> dict[str, Any]:
    """A node: element id, sorted labels, properties (converted, or left for orjson)."""
    labels = node.labels
    return {"kind": "node", "id": node.element_id,
            "labels": sorted(labels) if len(labels) > 1 else list(labels),
            "properties": _dict(node) if deep else dict(node.items())}


def _relationship(rel: Relationship, deep: bool = True) -> dict[str, Any]:
    """A relationship: element id, type, its two nodes' element ids, properties."""
    start, end = rel.start_node, rel.end_node
    return {"kind": "relationship", "id": rel.element_id, "type": rel.type,
            "start": start.element_id if start is not None else None,
            "end": end.element_id if end is not None else None,
            "properties": _dict(rel) if deep else dict(rel.items())}


_BY_TYPE: dict[type, Callable[[Any], Any]] = {
    float: _float, list: _list, dict: _dict, Node: _node, Path: _path,
}


def _scalar(value: Any) -> Any:
    """Temporal values as ISO 8601 text, points as {srid, x, y[, z]}, bytes as base64."""
    if isinstance(value, TEMPORAL):
        return iso_text(value)
    if hasattr(value, "isoformat"):  # Python's own date/time types, from parameters
        return value.isoformat()
    if isinstance(value, Point):
        keys = ("x", "y", "z")[: len(value)]
        return {"srid": value.srid, **{key: float(c) for key, c in zip(keys, value, strict=False)}}
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, BrokenHydrationObject):  # e.g. a date past year 9999: Python has none
        raise BrokenRecordError(f"a value in the result cannot be decoded ({value.error})")
    return str(value)


def to_csv_cell(value: Any) -> str:
    """One CSV cell: scalars as text (null empty), everything structured as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value)
    plain = to_json(value)
    return plain if isinstance(plain, str) else orjson.dumps(plain).decode("utf-8")


def _shallow(value: Any) -> Any:
    """orjson's hook: one level of a driver value; orjson recurses (and calls back) itself."""
    # Properties are copied in C, not walked value by value: most are str, int, float, list,
    # which orjson writes itself; it calls back here only for the temporal and spatial ones.
    if type(value) is Node:  # the commonest by far: one exact check first
        return _node(value, deep=False)
    if isinstance(value, Relationship):  # each relationship type is its own subclass
        return _relationship(value, deep=False)
    if isinstance(value, Node):
        return _node(value, deep=False)
    if isinstance(value, Path):
        return {"kind": "path", "nodes": list(value.nodes),
                "relationships": list(value.relationships)}
    return to_json(value)


def dumps(value: Any, indent: bool = False) -> bytes:
    """JSON bytes: plain values written in C (NaN, infinities: null); driver types via _shallow."""
    return orjson.dumps(value, default=_shallow, option=orjson.OPT_INDENT_2 if indent else 0)
