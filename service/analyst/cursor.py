"""Open one vetted analyst query: the text checked, EXPLAIN vetted, run in READ mode under a
wall-clock deadline and a byte budget; its records streamed up to the row cap."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any, Literal, LiteralString, cast

from neo4j import READ_ACCESS, Driver, Query, Record, Result, Session
from neo4j.exceptions import DriverError, Neo4jError

from core.errors import Forbidden, InvalidParameter
from core.settings import Settings
from service.analyst.budget import ByteBudget, budgeted
from service.analyst.failures import translated
from service.analyst.guard import check_text, refusal
from service.analyst.limits import Limits, Ticket, timed_out

# On its own line, so Neo4j's line numbers in the analyst's text are off by exactly one.
EXPLAIN_PREFIX = "EXPLAIN\n"
# Rows per PULL while streaming CSV (the driver's default): bounded memory, few round trips.
STREAM_FETCH_SIZE = 1000
DEADLINE_EVERY = 64
Truncation = Literal["rows", "bytes"]


class VerdictCache:
    """Recently accepted statements, so a repeated query skips its EXPLAIN round trip.

    Whether a text reads or writes does not depend on parameter values, and the READ
    access mode stays the backstop; only accepted statements are kept.
    """

    def __init__(self, size: int = 1024) -> None:
        self._size, self._lock = size, threading.Lock()
        self._entries: OrderedDict[tuple[str, ...], str] = OrderedDict()

    def get(self, key: tuple[str, ...]) -> str | None:
        """The query type of an accepted statement, or None."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
            return self._entries.get(key)

    def put(self, key: tuple[str, ...], query_type: str) -> None:
        """Remember an accepted statement, forgetting the oldest past the size."""
        with self._lock:
            self._entries[key] = query_type
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)


ACCEPTED = VerdictCache()


@dataclass
class Cursor:
    """An open, vetted query: its columns, its plan, and its records up to the caps."""

    columns: list[str]
    query_type: str
    plan: dict[str, Any]
    limits: Limits
    ticket: Ticket
    budget: ByteBudget
    _result: Result | None
    _text: str
    truncated_reason: Truncation | None = None
    began: float = field(default_factory=time.perf_counter)

    @property
    def truncated(self) -> bool:
        """Whether the answer stops short of the whole result."""
        return self.truncated_reason is not None

    def records(self) -> Iterator[list[Any]]:
        """Each record's values, streamed; stops at the row cap, the byte budget or the
        deadline (a 504)."""
        if self._result is None:  # the first record was already past the byte budget
            return
        cap = self.limits.rows
        with translated(self._text, timeout_s=self.limits.timeout_s), _cut_off(self):
            for count, record in enumerate(self._result):
                if count == cap:  # one more than the cap exists: say so, stop
                    self.truncated_reason = "rows"
                    return
                # The clock is read every DEADLINE_EVERY rows: rows past the deadline stop
                # soon, at next to no cost per row.
                if not count % DEADLINE_EVERY and self.ticket.remaining() <= 0:
                    raise timed_out(self.limits.timeout_s)
                yield _raw_values(record)

    def took_ms(self) -> float:
        """Milliseconds since the query was handed to the guard."""
        return round((time.perf_counter() - self.began) * 1000, 1)


@contextmanager
def _cut_off(cursor: Cursor) -> Iterator[None]:
    """A read the byte budget cut off ends the answer there (truncated: bytes)."""
    try:
        yield
    except (DriverError, OSError):  # the driver's error for the connection we broke off
        if not cursor.budget.tripped:
            raise
        cursor.truncated_reason = "bytes"


@contextmanager
def _plan_cut_off(budget: ByteBudget) -> Iterator[None]:
    """A plan past the byte budget (a huge query's) is refused, not taken for Neo4j down."""
    try:
        yield
    except (DriverError, OSError) as exc:
        if not budget.tripped:
            raise
        raise InvalidParameter("Neo4j's plan of this query is larger than the byte budget "
                               "allows (PEERGRAPH_ANALYST_MAX_BYTES).") from exc


def _raw_values(record: Record) -> list[Any]:
    """A record's values as they are, copied in C: a Record is a tuple, and Record.values()
    walks it in a Python generator (0.6 ms per 1 000 rows, against 0.2). A value the driver
    could not decode, which values() refuses, is refused when it is encoded instead
    (service/analyst/values.py)."""
    return list(tuple.__iter__(record))


@contextmanager
def open_cursor(driver: Driver, settings: Settings, text: str, parameters: dict[str, Any],
                limits: Limits, with_plan: bool = False, fetch_size: int = STREAM_FETCH_SIZE,
                ticket: Ticket | None = None) -> Iterator[Cursor]:
    """Check the text, vet the query with EXPLAIN, then run it: READ mode, under the deadline
    and the byte budget (both held until the cursor closes)."""
    began = time.perf_counter()
    ticket = ticket or Ticket(limits.timeout_s)
    statement = check_text(text, settings.analyst_max_query_bytes, settings.analyst_max_depth)
    budget = ticket.budget = ByteBudget.for_answer(limits.max_bytes)
    # Auto-commit transactions in READ mode: Neo4j refuses any write in them, and each
    # needs one round trip (an explicit transaction adds BEGIN and ROLLBACK).
    session = driver.session(database=settings.neo4j_database, default_access_mode=READ_ACCESS,
                             fetch_size=min(fetch_size, limits.rows + 1))
    try:
        with budgeted(budget):
            with _plan_cut_off(budget):
                query_type, plan = _vet(session, statement, parameters, settings, ticket,
                                        with_plan)
            cursor = Cursor([], query_type, plan, limits, ticket, budget, None, statement,
                            began=began)
            with translated(statement, timeout_s=limits.timeout_s), _cut_off(cursor):
                result = session.run(_query(statement, ticket), parameters)
                cursor.columns = list(result.keys())
                result.peek()  # the first error (a runtime type error, a timeout) answers now
                cursor._result = result
            yield cursor
    finally:
        with suppress(Neo4jError, DriverError, OSError):
            session.close()  # discards whatever rows were not read


def _query(text: str, ticket: Ticket) -> Query:
    """The analyst's text with the time left as its server-side timeout, tagged with the
    request's id (what finds its transaction to terminate it)."""
    # The analyst's own text is the feature here; the guard has checked it is one statement.
    return Query(cast(LiteralString, text), timeout=ticket.time_left(),
                 metadata=ticket.metadata())


def _vet(session: Session, statement: str, parameters: dict[str, Any], settings: Settings,
         ticket: Ticket, with_plan: bool) -> tuple[str, dict[str, Any]]:
    """EXPLAIN the statement (nothing runs) and refuse it unless it is a plain read."""
    key = (settings.neo4j_database, *sorted(settings.analyst_procedures), statement)
    if not with_plan and (known := ACCEPTED.get(key)) is not None:
        return known, {}
    with translated(statement, prefix_lines=1, timeout_s=ticket.timeout_s):
        summary = session.run(_query(EXPLAIN_PREFIX + statement, ticket), parameters).consume()
    plan = summary.plan or {}
    reason = refusal(summary.query_type, plan, settings.neo4j_database,
                     settings.analyst_procedures)
    if reason:
        raise Forbidden(f"Refused: {reason}. Analyst queries are read-only; nothing was run.",
                        errors=[{"parameter": "query", "in": "body", "message": reason}])
    if summary.query_type in {"r", "s"}:  # never remember anything that writes
        ACCEPTED.put(key, str(summary.query_type))
    return str(summary.query_type), plan
