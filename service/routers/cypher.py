"""POST /api/v1/cypher: read-only ad-hoc Cypher for analysts (JSON, or CSV on request)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from service.analyst.responses import answer
from service.analyst.runner import resolve_limits
from service.deps import DriverDep, SettingsDep

router = APIRouter(prefix="/api/v1", tags=["analyst"])

ANALYST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "columns, rows, row_count, truncated, took_ms (and plan on request)",
          "content": {"text/csv": {}}},
    403: {"description": "Refused before running: the query is not a plain read"},
    422: {"description": "Syntax error (with line and column), bad parameter or limit"},
    504: {"description": "The query ran past its time limit and was stopped"},
}


class CypherRequest(BaseModel):
    """One analyst query; limits may be lowered or raised up to the configured maxima."""

    query: str = Field(min_length=1, max_length=100_000, description="One Cypher statement")
    parameters: dict[str, Any] = Field(default_factory=dict,
                                       description="Values for $name placeholders")
    limit: int | None = Field(None, ge=1, description="Row cap (default and max: settings)")
    timeout_ms: int | None = Field(None, ge=1, description="Server-side time limit")
    plan: bool = Field(False, description="Also return the EXPLAIN plan summary")


@router.post("/cypher", responses=ANALYST_RESPONSES)
async def run_cypher(body: CypherRequest, request: Request, driver: DriverDep,
                     settings: SettingsDep) -> Response:
    """Run one read-only Cypher statement; writes and admin commands are refused unrun."""
    limits = resolve_limits(settings, body.limit, body.timeout_ms)
    return await answer(request, driver, settings, body.query, body.parameters, limits,
                        body.plan)
