"""One analyst answer over HTTP: JSON by default, streamed CSV on `Accept: text/csv`.

The text is checked before the query takes a slot, so a refused one never does: a short
text on the event loop, a long one on the pool's guard thread (its size in C first); the
query then runs on the analyst pool's own workers.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from concurrent.futures import Future
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.responses import StreamingResponse

from core.settings import Settings
from service.analyst.guard import check_text
from service.analyst.limits import Limits, Ticket, timed_out
from service.analyst.pool import AnalystPool
from service.analyst.runner import run_json_bytes, stream_csv
from service.analyst.text import check_size

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
CSV_CHUNKS_AHEAD = 4  # chunks a CSV worker may have waiting for a slow client
GUARD_ON_LOOP_CHARS = 4096  # measured in well under a millisecond


async def _pool_dependency(request: Request) -> AnalystPool:
    """The app's analyst pool (made by the lifespan), resolved on the event loop."""
    pool: AnalystPool = request.app.state.analyst
    return pool


PoolDep = Annotated[AnalystPool, Depends(_pool_dependency)]


def wants_csv(request: Request) -> bool:
    """Whether the client asked for CSV in its Accept header."""
    return "text/csv" in request.headers.get("accept", "").lower()


async def answer(request: Request, pool: AnalystPool, settings: Settings, text: str,
                 parameters: dict[str, Any], limits: Limits, with_plan: bool,
                 extra: dict[str, Any] | None = None) -> Response:
    """Run the query on the analyst pool and answer in the format the client asked for."""
    await _check(pool, settings, text)
    ticket = pool.admit(limits)  # a 429 when every slot is taken
    if wants_csv(request):
        return await _csv(pool, ticket, settings, text, parameters, limits)
    body = await pool.wait(pool.submit(ticket, run_json_bytes, pool.driver, settings, text,
                                       parameters, limits, with_plan, extra), ticket)
    return Response(body, media_type="application/json")


async def _check(pool: AnalystPool, settings: Settings, text: str) -> None:
    """The guard's look at the text (size, nesting, one statement …), off the loop if long."""
    check_size(text, settings.analyst_max_query_bytes)  # in C: a huge text is not queued
    if len(text) <= GUARD_ON_LOOP_CHARS:
        check_text(text, settings.analyst_max_query_bytes, settings.analyst_max_depth)
        return
    await asyncio.wrap_future(pool.guard.submit(
        check_text, text, settings.analyst_max_query_bytes, settings.analyst_max_depth))


async def _csv(pool: AnalystPool, ticket: Ticket, settings: Settings, text: str,
               parameters: dict[str, Any], limits: Limits) -> Response:
    """Stream CSV: the header once the query runs (errors before it answer with a status)."""
    channel = _Channel(pool, ticket)
    future = pool.submit(ticket, stream_csv, pool.driver, settings, text, parameters, limits,
                         channel.send)
    future.add_done_callback(channel.finish)
    try:
        header = await channel.next()
    except BaseException:
        channel.abandon()
        raise
    return StreamingResponse(channel.rest(header), media_type=CSV_MEDIA_TYPE,
                             headers={"X-Peergraph-Row-Limit": str(limits.rows)})


class _StreamAbandoned(Exception):
    """Raised in a CSV worker whose client is gone, so the worker closes its query."""


class _Channel:
    """CSV chunks from a worker thread to the event loop, a few ahead at most: the worker
    waits for room, until the deadline."""

    def __init__(self, pool: AnalystPool, ticket: Ticket) -> None:
        self._pool, self._ticket = pool, ticket
        self._loop = asyncio.get_running_loop()
        self._queue: asyncio.Queue[bytes | Future[None]] = asyncio.Queue()
        self._room = threading.Semaphore(CSV_CHUNKS_AHEAD)
        self._gone = False

    def send(self, chunk: bytes) -> None:
        """Hand one chunk over (in the worker); waits while the client is behind."""
        if not self._room.acquire(timeout=max(self._ticket.remaining(), 0)):
            raise timed_out(self._ticket.timeout_s)
        if self._gone:
            raise _StreamAbandoned
        self._put(chunk)

    def finish(self, future: Future[None]) -> None:
        """The worker ended (its future's done callback): tell the reader how."""
        self._put(future)

    def _put(self, item: bytes | Future[None]) -> None:
        try:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, item)
        except RuntimeError:  # the event loop is closed: nobody reads any more
            self._gone = True

    async def next(self) -> bytes | None:
        """The next chunk; None at the end; the worker's error; a 504 at the deadline."""
        try:
            item = await asyncio.wait_for(self._queue.get(), max(self._ticket.remaining(), 0))
        except TimeoutError:
            self._pool.expire(self._ticket)
            raise timed_out(self._ticket.timeout_s) from None
        if isinstance(item, Future):
            if (error := item.exception()) is not None:
                raise error
            return None
        self._room.release()
        return item

    async def rest(self, header: bytes | None) -> AsyncIterator[bytes]:
        """The stream after the header; an error mid-way ends it without its final chunk."""
        try:
            chunk = header
            while chunk is not None:
                yield chunk
                chunk = await self.next()
        finally:
            self.abandon()

    def abandon(self) -> None:
        """The reader is gone: the worker stops at its next chunk."""
        self._gone = True
        self._room.release()  # a worker waiting for room wakes up and sees it
