"""Liveness (/health) and readiness (/ready: Neo4j answers and the schema is applied)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from core.db import SCHEMA_VERSION, ensure_schema, schema_version
from core.errors import DatabaseUnavailable
from service.deps import GraphDep, SettingsDep
from service.identity.migration import LEGACY_WARNING, legacy_present
from service.schemas.problem import problem_response

router = APIRouter(tags=["health"])


@router.get("/health", responses={200: {"content": {"application/json": {
    "example": {"status": "ok"}}}}})
async def health() -> dict[str, str]:
    """The process is up (says nothing about Neo4j); on the event loop, so it answers even
    while every worker thread is busy."""
    return {"status": "ok"}


@router.get("/ready", responses={
    200: {"content": {"application/json": {"example": {"status": "ready",
                                                       "schema_version": SCHEMA_VERSION}}}},
    503: problem_response(503, "Neo4j down or schema not applied",
                          "The schema is not applied (it will be on the next check).")})
def ready(request: Request, graph: GraphDep, settings: SettingsDep) -> dict[str, Any]:
    """Neo4j answers and the schema is applied; retries the schema if start-up could not."""
    if not request.app.state.schema_ready:
        problem = ensure_schema(graph.driver, settings)
        if problem is not None:
            raise DatabaseUnavailable(problem)
        request.app.state.schema_ready = True
    try:
        version = schema_version(graph.driver, settings.neo4j_database)
    except (ServiceUnavailable, SessionExpired, Neo4jError) as exc:
        raise DatabaseUnavailable(f"Neo4j is not answering at {settings.neo4j_uri}.") from exc
    if version != SCHEMA_VERSION:
        request.app.state.schema_ready = False
        raise DatabaseUnavailable("The schema is not applied (it will be on the next check).")
    if legacy_present(graph.driver, settings.neo4j_database):
        raise DatabaseUnavailable(LEGACY_WARNING)
    return {"status": "ready", "schema_version": version}
