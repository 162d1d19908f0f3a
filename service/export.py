"""A drawn graph (the neighbourhood dict of service/repository/graph.py) as a file for Gephi,
yEd or a spreadsheet: GraphML, GEXF, or a zip of nodes.csv and edges.csv. Pure functions.

Every node carries `type`, `label` and `hop`, every edge `type`, each with their scalar
properties: GraphML and GEXF take only scalars, so lists and maps become JSON text and
temporal values ISO 8601 text; absent (None) values are left out. A property whose name
clashes with those (a work's own `type`, say) or with a name GEXF reserves (weight, start…)
is kept as `property_<name>`."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import orjson

from core.values import TEMPORAL, iso_text

FORMATS = ("graphml", "gexf", "csv")
MEDIA_TYPES = {"json": "application/json", "graphml": "application/graphml+xml",
               "gexf": "application/gexf+xml", "csv": "application/zip"}
EXTENSIONS = {"graphml": "graphml", "gexf": "gexf", "csv": "zip"}
# Our own attribute names, and those networkx's GEXF writer takes for XML attributes of its
# own (an edge's `type` there is directed/undirected, its `weight` must be a number).
RESERVED = frozenset({"id", "type", "label", "hop", "source", "target", "key", "weight",
                      "start", "end", "pid", "viz", "parents", "slices", "spells",
                      "networkx_key"})
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"): such text cells get a leading apostrophe. Tab and CR count too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Scalar = str | int | float | bool


@dataclass(frozen=True, slots=True)
class Export:
    """One exported file: its bytes, media type and a file name for Content-Disposition."""

    body: bytes
    media_type: str
    filename: str


def export(graph: dict[str, Any], fmt: str, what: str = "neighbourhood") -> Export:
    """The graph in `fmt` (graphml, gexf or csv), named after its centre."""
    writers: dict[str, Callable[[dict[str, Any]], bytes]] = {
        "graphml": to_graphml, "gexf": to_gexf, "csv": to_csv_zip}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; use any of {', '.join(FORMATS)}")
    return Export(writers[fmt](graph), MEDIA_TYPES[fmt],
                  file_name(str(graph.get("center", "graph")), what, EXTENSIONS[fmt]))


def file_name(node_id: str, what: str, extension: str) -> str:
    """`peergraph-<id>-<what>.<ext>`, the id cut to characters safe in files and headers."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", node_id).strip("._-")[:80] or "node"
    return f"peergraph-{safe}-{what}.{extension}"


def scalar(value: Any) -> Scalar | None:
    """A property value as one GraphML/GEXF scalar: lists, maps and times as text."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, TEMPORAL):
        return str(iso_text(value))
    if isinstance(value, list | dict):
        return orjson.dumps(value, default=_inner).decode()
    return str(value)  # e.g. a spatial point: its own text form, POINT(x y)


def _inner(value: Any) -> str:
    """A value inside a list or map that JSON has no type for, as text."""
    return str(iso_text(value)) if isinstance(value, TEMPORAL) else str(value)


def node_attributes(node: dict[str, Any]) -> dict[str, Scalar]:
    """A node's attributes: type, label, hop, then its scalar properties."""
    own = {"type": node["type"], "label": node["label"], "hop": node.get("hop")}
    return _with_properties(own, node.get("properties") or {})


def edge_attributes(edge: dict[str, Any]) -> dict[str, Scalar]:
    """An edge's attributes: type, then its scalar properties."""
    return _with_properties({"type": edge["type"]}, edge.get("properties") or {})


def _with_properties(own: dict[str, Any], props: dict[str, Any]) -> dict[str, Scalar]:
    """`own` then the properties (renamed where they clash), None values dropped."""
    merged = {key: value for key, value in own.items() if value is not None}
    for key, value in props.items():
        converted = scalar(value)
        if converted is not None:
            merged[f"property_{key}" if key in RESERVED else key] = converted
    return merged


def uniform(rows: list[dict[str, Scalar]]) -> list[dict[str, Scalar]]:
    """The rows with one type per attribute: mixed numbers as float, other mixes as text."""
    # An attribute's type is declared once per file. For a mixed one (a trust score of 1
    # here, 0.5 there) networkx's GraphML declares the name twice, its GEXF as the first
    # type seen (0.5 written under `long`).
    kinds: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            kinds.setdefault(key, set()).add(type(value))
    cast: dict[str, Callable[[Any], Scalar]] = {}
    for key, seen in kinds.items():
        if len(seen) > 1:
            cast[key] = float if seen <= {int, float} else _text
    if not cast:
        return rows
    return [{key: cast[key](value) if key in cast else value for key, value in row.items()}
            for row in rows]


def _text(value: Scalar) -> str:
    """A scalar as text, booleans as JSON writes them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_networkx(graph: dict[str, Any]) -> nx.MultiDiGraph:
    """The graph as a networkx multigraph keyed by our edge ids (so none is merged away)."""
    out = nx.MultiDiGraph(center=graph.get("center", ""), depth=graph.get("depth", 0),
                          truncated=bool(graph.get("truncated", False)))
    nodes, edges = graph["nodes"], graph["edges"]
    for node, attrs in zip(nodes, uniform([node_attributes(n) for n in nodes]), strict=True):
        out.add_node(node["id"], **attrs)
    for edge, attrs in zip(edges, uniform([edge_attributes(e) for e in edges]), strict=True):
        out.add_edge(edge["source"], edge["target"], key=edge["id"], **attrs)
    return out


def to_graphml(graph: dict[str, Any]) -> bytes:
    """GraphML (yEd, Gephi, Cytoscape desktop): edge ids are ours, attributes typed."""
    buffer = io.BytesIO()
    nx.write_graphml(to_networkx(graph), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_gexf(graph: dict[str, Any]) -> bytes:
    """GEXF 1.2 (Gephi); an edge's type is its label (GEXF's `type` means directed or not)."""
    multi = to_networkx(graph)
    # A plain DiGraph unless two edges share their ends: networkx adds a `key` column to
    # every edge of a multigraph. The edge's own id travels as `id` either way.
    simple = len({(u, v) for u, v, _ in multi.edges(keys=True)}) == multi.number_of_edges()
    out = nx.DiGraph(**multi.graph) if simple else nx.MultiDiGraph(**multi.graph)
    out.add_nodes_from(multi.nodes(data=True))
    for source, target, key, attrs in multi.edges(keys=True, data=True):
        edge = {("label" if name == "type" else name): value for name, value in attrs.items()}
        out.add_edge(source, target, id=key, **edge)
    buffer = io.BytesIO()
    nx.write_gexf(out, buffer, encoding="utf-8", version="1.2draft")
    return buffer.getvalue()


def to_csv_zip(graph: dict[str, Any]) -> bytes:
    """A zip of nodes.csv and edges.csv, one row per node or edge, text cells made safe."""
    nodes = [{"id": n["id"], **node_attributes(n)} for n in graph["nodes"]]
    edges = [{"id": e["id"], "source": e["source"], "target": e["target"],
              **edge_attributes(e)} for e in graph["edges"]]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", _csv(nodes, ["id", "type", "label", "hop"]))
        archive.writestr("edges.csv", _csv(edges, ["id", "source", "target", "type"]))
    return buffer.getvalue()


def _csv(rows: list[dict[str, Scalar]], first: list[str]) -> bytes:
    """CSV with a header: the `first` columns, then every other one seen, by name."""
    rest = sorted({key for row in rows for key in row} - set(first))
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(first + rest)
    writer.writerows([csv_cell(row.get(key)) for key in first + rest] for row in rows)
    # A byte order mark, so Excel reads the file as UTF-8 (names with accents) too.
    return text.getvalue().encode("utf-8-sig")


def csv_cell(value: Scalar | None) -> str:
    """One cell: empty for None; text that a spreadsheet would run as a formula quoted."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return _text(value)  # a number is never a formula, and "-1" must stay a number
    return f"'{value}" if value.startswith(FORMULA_START) else value

