"""Where analyst queries run: at most PEERGRAPH_ANALYST_CONCURRENCY at once, each on a worker
thread of this pool (never the web server's), under a wall-clock deadline.

A request past its deadline gets its 504 at once; its transaction is terminated in Neo4j,
and its slot stays taken until its worker really finishes, so a query Neo4j keeps running
(Neo4j checks for termination between rows only: one huge `reduce`, or a plan being made,
runs to its end) still counts. One exception: a transaction that still shows no query
(parsing and planning show none) WEDGED_AFTER_S past its deadline is one Neo4j's parser
gave up on without answering; its connection is shut, its worker ends, Neo4j drops it.
"""

from __future__ import annotations

import asyncio
import logging
import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from neo4j import Driver

from core.db import make_driver
from core.errors import RateLimited
from core.graph import Graph
from core.settings import Settings
from service.analyst.limits import APP_TAG, Limits, Ticket, timed_out

log = logging.getLogger("peergraph")
T = TypeVar("T")
# How often the reaper looks at requests past their deadline; how long past it one showing
# no query is taken for wedged (the slowest plan measured for a text under the size limit
# took 19 s: RELIABILITY.md; the driver itself gives up on a silent server after 120 s).
REAP_EVERY_S = 0.5
WEDGED_AFTER_S = 60.0
CLOSE_WAIT_S = 5.0  # how long close() waits for cut-loose workers before closing the driver


class AnalystPool:
    """The analyst's own driver (its own connections), worker threads, slots and reaper."""

    def __init__(self, settings: Settings, driver: Driver | None = None) -> None:
        self.settings, self.size = settings, settings.analyst_concurrency
        # Own connections: cutting one off never touches the explorer's pool; one spare for
        # the reaper, so it can always reach Neo4j.
        self._own_driver = driver is None
        self.driver = driver or make_driver(settings.model_copy(
            update={"neo4j_max_pool_size": self.size + 1}))
        self._workers = ThreadPoolExecutor(self.size, thread_name_prefix="analyst")
        # Long texts are measured here, one at a time, not on the event loop (up to ~50 ms
        # of Python for 64 KB): the loop keeps answering meanwhile.
        self.guard = ThreadPoolExecutor(1, thread_name_prefix="analyst-guard")
        self._lock = threading.Lock()
        self._running: dict[str, Ticket] = {}
        self._expired: dict[str, bool] = {}  # request id -> terminated in Neo4j yet
        self.wedged_after_s = WEDGED_AFTER_S
        self._wake, self._closing = threading.Event(), threading.Event()
        self._reaper = threading.Thread(target=self._reap, name="analyst-reaper", daemon=True)
        self._reaper.start()

    def admit(self, limits: Limits) -> Ticket:
        """A slot and a ticket (the deadline starts now), or a 429 saying when to retry."""
        with self._lock:
            if len(self._running) >= self.size:
                raise self._busy()
            ticket = Ticket(limits.timeout_s)
            self._running[ticket.request_id] = ticket
        return ticket

    def _busy(self) -> RateLimited:
        """The 429: all slots taken; retry when the soonest deadline passes (at least 1 s)."""
        soonest = min(ticket.remaining() for ticket in self._running.values())
        retry = max(1, math.ceil(soonest))
        return RateLimited(
            f"{self.size} analyst queries are running, the most that run at once "
            f"(PEERGRAPH_ANALYST_CONCURRENCY); retry in {retry} s.",
            headers={"Retry-After": str(retry)})

    def submit(self, ticket: Ticket, work: Callable[..., T], *args: Any, **kwargs: Any
               ) -> Future[T]:
        """Run work(*args, ticket=ticket, **kwargs) on a worker; the slot is freed when it ends."""
        def run() -> T:
            try:
                return work(*args, ticket=ticket, **kwargs)
            finally:
                self._release(ticket)

        try:
            return self._workers.submit(run)
        except RuntimeError:  # shutting down
            self._release(ticket)
            raise

    def _release(self, ticket: Ticket) -> None:
        with self._lock:
            self._running.pop(ticket.request_id, None)
            self._expired.pop(ticket.request_id, None)

    def running(self) -> int:
        """How many slots are taken."""
        with self._lock:
            return len(self._running)

    async def wait(self, future: Future[T], ticket: Ticket) -> T:
        """The worker's result, or a 504 at the deadline (the work goes on to be terminated)."""
        waiter = asyncio.wrap_future(future)
        waiter.add_done_callback(_retrieve)  # whoever stops waiting, nothing is logged
        done, _ = await asyncio.wait({waiter}, timeout=max(ticket.remaining(), 0))
        if waiter in done:
            return waiter.result()
        self.expire(ticket)
        raise timed_out(ticket.timeout_s)

    def wait_sync(self, future: Future[T], ticket: Ticket) -> T:
        """The same for a caller that may block (the terminal): it terminates the query
        itself before it answers, as it may close the pool right after."""
        try:
            return future.result(timeout=max(ticket.remaining(), 0))
        except TimeoutError:
            self.expire(ticket)
            self._look(ticket)
            raise timed_out(ticket.timeout_s) from None

    def run(self, work: Callable[..., T], limits: Limits, *args: Any, **kwargs: Any) -> T:
        """Admit, run and wait, blocking: the terminal's one query at a time."""
        ticket = self.admit(limits)
        return self.wait_sync(self.submit(ticket, work, *args, **kwargs), ticket)

    def expire(self, ticket: Ticket) -> None:
        """Hand a request past its deadline to the reaper (if its worker still runs)."""
        with self._lock:
            if ticket.request_id in self._running:
                self._expired.setdefault(ticket.request_id, False)
        self._wake.set()

    def _reap(self) -> None:
        """Terminate expired requests in Neo4j; cut loose those Neo4j forgot."""
        while True:
            self._wake.wait(REAP_EVERY_S)
            self._wake.clear()
            if self._closing.is_set():
                return
            with self._lock:
                expired = [self._running[request] for request in self._expired]
            for ticket in expired:
                self._look(ticket)

    def _look(self, ticket: Ticket) -> None:
        """One look at an expired request; a failure is logged (the next look tries again)."""
        try:
            with self._lock:
                terminated = self._expired.get(ticket.request_id)
            if terminated is not None:
                self._reap_one(ticket, terminated)
        except Exception:  # the reaper must outlive any one failure
            log.exception("could not end analyst request %s", ticket.request_id)

    def _reap_one(self, ticket: Ticket, terminated: bool) -> None:
        """First look: TERMINATE its transactions. Long past the deadline: cut loose a
        request whose transaction shows no query (its worker waits for no one)."""
        admin = Graph(self.driver, self.settings.neo4j_database, map_errors=False)
        if not terminated:
            admin.write("analyst_admin/terminate_request", request=ticket.request_id)
            with self._lock:
                if ticket.request_id in self._expired:
                    self._expired[ticket.request_id] = True
            return
        if ticket.remaining() > -self.wedged_after_s or ticket.budget is None:
            return
        records = admin.read("analyst_admin/list_transactions", app=APP_TAG,
                             request=ticket.request_id)
        if not any(record["current_query"] for record in records):
            log.warning("analyst request %s shows no query %.0f s past its deadline: its "
                        "connection is shut", ticket.request_id, -ticket.remaining())
            ticket.budget.cut_loose()  # its worker's read fails now, and the worker ends

    def close(self) -> None:
        """Stop the reaper and the workers (cutting loose what still runs), close the driver."""
        self._closing.set()
        self._wake.set()
        self._reaper.join(timeout=5)  # before the cuts: its own queries must not meet them
        with self._lock:
            running = list(self._running.values())
        for ticket in running:
            if ticket.budget is not None:
                ticket.budget.cut_loose()
        self._workers.shutdown(wait=False, cancel_futures=True)
        self.guard.shutdown(wait=False, cancel_futures=True)
        # A worker cut loose still rolls back on its connection: closing the driver under it
        # writes GOODBYE into the same buffer (BufferError). Give the workers a moment to end.
        deadline = time.monotonic() + CLOSE_WAIT_S
        while self.running() and time.monotonic() < deadline:
            time.sleep(0.05)
        if self._own_driver:
            try:
                self.driver.close()
            except (BufferError, OSError) as exc:  # a worker that never ended still holds one
                log.warning("analyst driver closed with a connection still in use: %s", exc)


def _retrieve(future: asyncio.Future[Any]) -> None:
    """Mark a finished future's outcome as seen (a 504'd request's late result is dropped)."""
    if not future.cancelled():
        future.exception()
