"""One analyst answer over HTTP: JSON by default, streamed CSV on `Accept: text/csv`."""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response
from fastapi.responses import StreamingResponse
from neo4j import Driver
from starlette.background import BackgroundTask

from service.analyst.runner import Limits, open_csv_stream, run_json
from service.analyst.values import dumps
from service.settings import Settings

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


def wants_csv(request: Request) -> bool:
    """Whether the client asked for CSV in its Accept header."""
    return "text/csv" in request.headers.get("accept", "").lower()


def answer(request: Request, driver: Driver, settings: Settings, text: str,
           parameters: dict[str, Any], limits: Limits, with_plan: bool,
           extra: dict[str, Any] | None = None) -> Response:
    """Run the vetted query and answer in the format the client asked for."""
    if wants_csv(request):
        chunks, stack = open_csv_stream(driver, settings, text, parameters, limits)
        # The stream closes the session when it ends; the task covers a client gone early.
        return StreamingResponse(chunks, media_type=CSV_MEDIA_TYPE,
                                 headers={"X-Peergraph-Row-Limit": str(limits.rows)},
                                 background=BackgroundTask(stack.close))
    body = (extra or {}) | run_json(driver, settings, text, parameters, limits, with_plan)
    return Response(dumps(body), media_type="application/json")
