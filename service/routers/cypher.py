"""POST /api/v1/cypher: read-only ad-hoc Cypher for analysts (JSON, or CSV on request)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from service.analyst.limits import resolve_limits
from service.analyst.responses import PoolDep, answer
from service.deps import SettingsDep
from service.schemas.analyst import CYPHER_ANSWER, CypherRequest, analyst_responses

router = APIRouter(tags=["analyst"])


@router.post("/cypher", responses=analyst_responses(CYPHER_ANSWER))
async def run_cypher(body: CypherRequest, request: Request, pool: PoolDep,
                     settings: SettingsDep) -> Response:
    """Run one read-only Cypher statement; writes and admin commands are refused unrun."""
    limits = resolve_limits(settings, body.limit, body.timeout_ms)
    return await answer(request, pool, settings, body.query, body.parameters, limits,
                        body.plan)
