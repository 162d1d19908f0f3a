"""Saved analyst queries: GET /api/v1/queries lists them, POST /api/v1/queries/{name} runs one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from service.analyst import catalogue
from service.analyst.limits import resolve_limits
from service.analyst.responses import PoolDep, answer
from service.deps import SettingsDep
from service.schemas.analyst import ANALYST_RESPONSES, SavedQueryRequest

router = APIRouter(prefix="/queries", tags=["analyst"])


@router.get("")
def list_queries() -> dict[str, list[dict[str, Any]]]:
    """Every saved query: name, title, description, typed parameters, columns, Cypher."""
    return {"queries": [saved.describe() for saved in catalogue.all_queries()]}


@router.get("/{name}", responses={404: {"description": "No saved query of that name"}})
def describe_query(name: str) -> dict[str, Any]:
    """One saved query's description."""
    return catalogue.get(name).describe()


@router.post("/{name}", responses={**ANALYST_RESPONSES, 404: {"description": "Unknown name"}})
async def run_query(name: str, request: Request, pool: PoolDep, settings: SettingsDep,
                    body: SavedQueryRequest | None = None) -> Response:
    """Run a saved query with its parameters (JSON, or CSV on `Accept: text/csv`)."""
    body = body or SavedQueryRequest()
    saved = await run_in_threadpool(catalogue.get, name)  # reads cypher/analyst/ files
    parameters = saved.bind(body.parameters)
    limits = resolve_limits(settings, body.limit, body.timeout_ms)
    return await answer(request, pool, settings, saved.text, parameters, limits, body.plan,
                        extra={"query": name, "parameters": parameters})
