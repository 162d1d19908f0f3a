"""One analyst answer over HTTP: JSON by default, streamed CSV on `Accept: text/csv`."""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response
from fastapi.responses import StreamingResponse
from neo4j import Driver
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from service.analyst.runner import Limits, open_csv_stream, run_json_bytes
from service.settings import Settings

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


def wants_csv(request: Request) -> bool:
    """Whether the client asked for CSV in its Accept header."""
    return "text/csv" in request.headers.get("accept", "").lower()


async def answer(request: Request, driver: Driver, settings: Settings, text: str,
                 parameters: dict[str, Any], limits: Limits, with_plan: bool,
                 extra: dict[str, Any] | None = None) -> Response:
    """Run the vetted query in a worker thread and answer in the format the client asked for."""
    # The blocking driver work and the encoding go to the thread pool in one trip (the
    # route is async, so FastAPI adds no hop of its own); the event loop stays free.
    if wants_csv(request):
        chunks, stack = await run_in_threadpool(open_csv_stream, driver, settings, text,
                                                parameters, limits)
        # The stream closes the session when it ends; the task covers a client gone early.
        return StreamingResponse(chunks, media_type=CSV_MEDIA_TYPE,
                                 headers={"X-Peergraph-Row-Limit": str(limits.rows)},
                                 background=BackgroundTask(stack.close))
    body = await run_in_threadpool(run_json_bytes, driver, settings, text, parameters, limits,
                                   with_plan, extra)
    return Response(body, media_type="application/json")
