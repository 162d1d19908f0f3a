"""A relationship or node deleted by a concurrent write while a neighbourhood is read comes
back with null ends/type/id (read-committed); it is left out instead of failing the answer."""

from __future__ import annotations

from service.repository.graph import _edges, drawable_nodes


def test_edges_deleted_meanwhile_are_left_out() -> None:
    rows = [{"source": "A1", "target": "W1", "type": "AUTHORED", "props": {"position": 0}},
            {"source": None, "target": None, "type": None, "props": {}}]
    assert [e["id"] for e in _edges(rows)] == ["A1|AUTHORED|W1"]


def test_nodes_deleted_meanwhile_are_left_out() -> None:
    rows = [{"id": "A1", "labels": ["Author"], "hop": 0, "props": {"name": "Ada"}},
            {"id": None, "labels": [], "hop": 1, "props": {}}]
    assert [n["id"] for n in drawable_nodes(rows)] == ["A1"]
