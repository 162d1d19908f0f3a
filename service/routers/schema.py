"""GET /api/v1/schema: the graph model analysts write Cypher against, read from the graph."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from service.analyst.model import graph_model
from service.deps import GraphDep, SettingsDep

router = APIRouter(tags=["analyst"])


def _property(name: str, kind: str, mandatory: bool = True) -> dict[str, Any]:
    """One property entry, as the model queries list it."""
    return {"name": name, "types": [kind], "mandatory": mandatory}


# Part of the answer over the bundled sample: one label, one relationship type, two indexes.
MODEL = {
    "labels": [{"label": "Author", "properties": [
        _property("id", "String"), _property("name", "String"),
        _property("orcid", "String", False), _property("trust_score", "Long")]}],
    "relationship_types": [{"type": "AUTHORED", "properties": [_property("position", "Long")],
                            "patterns": [{"from": "Author", "to": "Work"}]}],
    "indexes": [
        {"name": "author_id", "type": "RANGE", "entity": "NODE", "labels_or_types": ["Author"],
         "properties": ["id"], "owning_constraint": "author_id"},
        {"name": "author_names", "type": "FULLTEXT", "entity": "NODE",
         "labels_or_types": ["Author"], "properties": ["name"], "owning_constraint": None}],
}


@router.get("/schema", responses={200: {"content": {"application/json": {"example": MODEL}}}})
def get_schema(graph: GraphDep, settings: SettingsDep) -> dict[str, Any]:
    """Labels and relationship types with their properties, what connects what, indexes."""
    return graph_model(graph)
