"""The live graph model for analysts: labels, relationship types, properties, indexes."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from core.graph import Graph


def graph_model(graph: Graph) -> dict[str, Any]:
    """Labels and relationship types with their properties, what connects what, the indexes."""
    return {
        "labels": _node_types(_read(graph, "model/list_node_properties")),
        "relationship_types": _relationship_types(
            _read(graph, "model/list_relationship_properties"),
            _patterns(_read(graph, "model/list_relationship_patterns"))),
        "indexes": _read(graph, "model/list_indexes"),
    }


def _read(graph: Graph, name: str) -> list[dict[str, Any]]:
    """One model query's rows as dicts."""
    return [dict(record) for record in graph.read(name)]


def _properties(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The property entries of one label or type (a row without a property adds none)."""
    return [{"name": r["property"], "types": r["types"] or [], "mandatory": r["mandatory"]}
            for r in rows if r["property"] is not None]


def _node_types(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per label combination, e.g. "Author" or "Author:Extra"."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[":".join(row["labels"])].append(row)
    return [{"label": label, "properties": _properties(group)}
            for label, group in sorted(grouped.items())]


def _patterns(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
    """(start label, end label) pairs per relationship type, from the schema summary."""
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in rows:
        # Relationships carry only their nodes' ids; the labels are on the nodes list.
        label = {node.element_id: str(node.get("name")) for node in row["nodes"]}
        for rel in row["relationships"]:
            start, end = rel.start_node, rel.end_node
            if start is not None and end is not None:
                found[rel.type].add((label.get(start.element_id, "?"),
                                     label.get(end.element_id, "?")))
    return {t: [{"from": a, "to": b} for a, b in sorted(pairs)] for t, pairs in found.items()}


def _relationship_types(rows: list[dict[str, Any]],
                        patterns: dict[str, list[dict[str, str]]]) -> list[dict[str, Any]]:
    """One entry per relationship type: its properties and the labels it connects."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["type"]].append(row)
    return [{"type": rel_type, "properties": _properties(group),
             "patterns": patterns.get(rel_type, [])}
            for rel_type, group in sorted(grouped.items())]
