"""GET /api/v1/schema: the graph model analysts write Cypher against, read from the graph."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from service.analyst.model import graph_model
from service.deps import GraphDep, SettingsDep

router = APIRouter(tags=["analyst"])


@router.get("/schema")
def get_schema(graph: GraphDep, settings: SettingsDep) -> dict[str, Any]:
    """Labels and relationship types with their properties, what connects what, indexes."""
    return graph_model(graph)
