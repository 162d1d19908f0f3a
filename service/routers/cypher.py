"""POST /api/v1/cypher: read-only ad-hoc Cypher for analysts (JSON, or CSV on request)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from service.analyst.limits import resolve_limits
from service.analyst.responses import PoolDep, answer
from service.deps import SettingsDep

router = APIRouter(prefix="/api/v1", tags=["analyst"])

ANALYST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "columns, rows, row_count, truncated, took_ms (and plan on request)",
          "content": {"text/csv": {}}},
    403: {"description": "Refused before running: the query is not a plain read"},
    413: {"description": "The request body is over PEERGRAPH_MAX_BODY_BYTES"},
    422: {"description": "Syntax error (with line and column), bad parameter or limit, a "
                         "query too long or nested too deep"},
    429: {"description": "PEERGRAPH_ANALYST_CONCURRENCY queries are running; see Retry-After"},
    504: {"description": "The query ran past its time limit (the whole request) and was "
                         "stopped"},
}


class CypherRequest(BaseModel):
    """One analyst query; limits may be lowered or raised up to the configured maxima."""

    # No max_length here: the size limit is PEERGRAPH_ANALYST_MAX_QUERY_BYTES, checked (in
    # UTF-8 bytes, with a message naming it) before the query goes anywhere; bodies over
    # PEERGRAPH_MAX_BODY_BYTES are refused (413) before they are read.
    query: str = Field(min_length=1, description="One Cypher statement (at most "
                       "PEERGRAPH_ANALYST_MAX_QUERY_BYTES bytes, nested at most "
                       "PEERGRAPH_ANALYST_MAX_DEPTH deep)")
    parameters: dict[str, Any] = Field(default_factory=dict,
                                       description="Values for $name placeholders")
    limit: int | None = Field(None, ge=1, description="Row cap (default and max: settings)")
    timeout_ms: int | None = Field(None, ge=1, description="Time limit of the whole request")
    plan: bool = Field(False, description="Also return the EXPLAIN plan summary")


@router.post("/cypher", responses=ANALYST_RESPONSES)
async def run_cypher(body: CypherRequest, request: Request, pool: PoolDep,
                     settings: SettingsDep) -> Response:
    """Run one read-only Cypher statement; writes and admin commands are refused unrun."""
    limits = resolve_limits(settings, body.limit, body.timeout_ms)
    return await answer(request, pool, settings, body.query, body.parameters, limits,
                        body.plan)
