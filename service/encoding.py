"""JSON answers encoded once, for the hot read endpoints (issue 4, docs/PERFORMANCE.md).

A route declares its model with `response_model=` (so /openapi.json is unchanged) and
returns `await encoded(build, …)`: the blocking reads and the JSON encoding run in one
thread-pool hop, and FastAPI, handed a finished Response, neither validates the answer
again (another thread-pool hop for a sync route) nor encodes it a second time.

`build` returns a pydantic model (small answers: the profile, pages of works) or, where
hundreds of nodes make pydantic's per-object validation the biggest cost (neighbourhoods,
paths), a dict already in the model's shape; tests/integration/api/test_api_encoding.py
checks every such answer against its model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec

import orjson
from fastapi import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from core.values import TEMPORAL, iso_text

P = ParamSpec("P")
Answer = BaseModel | dict[str, Any]


async def encoded(build: Callable[P, Answer], /, *args: P.args, **kwargs: P.kwargs) -> Response:
    """Run `build` (blocking reads) in the thread pool; answer its result as JSON bytes."""
    body = await run_in_threadpool(_encode, build, *args, **kwargs)
    return Response(body, media_type="application/json")


def _encode(build: Callable[P, Answer], /, *args: P.args, **kwargs: P.kwargs) -> bytes:
    """`build`'s answer as JSON."""
    return to_json(build(*args, **kwargs))


def to_json(answer: Answer) -> bytes:
    """The JSON FastAPI's response_model path would send (aliases used, nulls kept)."""
    if isinstance(answer, BaseModel):  # validated when the repository built it
        return answer.model_dump_json(by_alias=True).encode()
    return dumps(answer)


def dumps(value: Any) -> bytes:
    """orjson, with Neo4j's temporal values written as core.values.plain writes them."""
    return orjson.dumps(value, default=_neo4j_value)


def _neo4j_value(value: Any) -> str:
    """A Neo4j value orjson does not know (only called for those), as JSON text."""
    if isinstance(value, TEMPORAL):
        return str(iso_text(value))
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
