"""Run one vetted analyst query: READ access mode, server-side timeout, streamed row cap."""

from __future__ import annotations

import csv
import io
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any, LiteralString, cast

from neo4j import READ_ACCESS, Driver, Query, Record, Result, Session
from neo4j.exceptions import DriverError, Neo4jError

from service.analyst.failures import translated
from service.analyst.guard import check_text, refusal, summarise_plan
from service.analyst.values import dumps, to_csv_cell
from service.errors import Forbidden, InvalidParameter
from service.settings import Settings

# On its own line, so Neo4j's line numbers in the analyst's text are off by exactly one.
EXPLAIN_PREFIX = "EXPLAIN\n"
CSV_ROWS_PER_CHUNK = 500
ENCODE_ROWS_AT_ONCE = 100
# Rows per PULL while streaming CSV (the driver's default): bounded memory, few round trips.
STREAM_FETCH_SIZE = 1000


@dataclass(frozen=True)
class Limits:
    """The row cap and the server-side timeout one request runs under."""

    rows: int
    timeout_s: float


def resolve_limits(settings: Settings, limit: int | None, timeout_ms: int | None) -> Limits:
    """The request's own limits, or the defaults; never above the configured maxima."""
    rows = settings.analyst_default_rows if limit is None else limit
    timeout_s = settings.analyst_default_timeout_s if timeout_ms is None else timeout_ms / 1000
    if not 1 <= rows <= settings.analyst_max_rows:
        raise InvalidParameter(
            f"limit must be between 1 and {settings.analyst_max_rows} "
            "(PEERGRAPH_ANALYST_MAX_ROWS)", errors=[{"parameter": "limit", "in": "body",
                                                    "message": f"got {rows}"}])
    if not 0 < timeout_s <= settings.analyst_max_timeout_s:
        raise InvalidParameter(
            f"timeout_ms must be between 1 and {int(settings.analyst_max_timeout_s * 1000)} "
            "(PEERGRAPH_ANALYST_MAX_TIMEOUT_S)", errors=[{"parameter": "timeout_ms", "in": "body",
                                                         "message": f"got {timeout_ms}"}])
    return Limits(rows, timeout_s)


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
    """An open, vetted query: its columns, its plan, and its records up to the cap."""

    columns: list[str]
    query_type: str
    plan: dict[str, Any]
    limits: Limits
    _result: Result
    _text: str
    truncated: bool = False
    began: float = field(default_factory=time.perf_counter)

    def records(self) -> Iterator[list[Any]]:
        """Each record's values, streamed; stops at the cap and sets `truncated`."""
        with translated(self._text, timeout_s=self.limits.timeout_s):
            for count, record in enumerate(self._result):
                if count == self.limits.rows:  # one more than the cap exists: say so, stop
                    self.truncated = True
                    return
                yield _raw_values(record)

    def took_ms(self) -> float:
        """Milliseconds since the query was handed to the guard."""
        return round((time.perf_counter() - self.began) * 1000, 1)


def _raw_values(record: Record) -> list[Any]:
    """A record's values as they are, copied in C: a Record is a tuple, and Record.values()
    walks it in a Python generator (0.6 ms per 1 000 rows, against 0.2). A value the driver
    could not decode, which values() refuses, is refused when it is encoded instead
    (service/analyst/values.py)."""
    return list(tuple.__iter__(record))


@contextmanager
def open_cursor(driver: Driver, settings: Settings, text: str, parameters: dict[str, Any],
                limits: Limits, with_plan: bool = False,
                fetch_size: int = STREAM_FETCH_SIZE) -> Iterator[Cursor]:
    """Vet the query with EXPLAIN, then run it: READ access mode, server-side timeout."""
    began = time.perf_counter()
    statement = check_text(text)
    # Auto-commit transactions in READ mode: Neo4j refuses any write in them, and each
    # needs one round trip (an explicit transaction adds BEGIN and ROLLBACK).
    session = driver.session(database=settings.neo4j_database, default_access_mode=READ_ACCESS,
                             fetch_size=min(fetch_size, limits.rows + 1))
    try:
        query_type, plan = _vet(session, statement, parameters, settings, limits, with_plan)
        with translated(statement, timeout_s=limits.timeout_s):
            result = session.run(_query(statement, limits), parameters)
            columns = list(result.keys())
            result.peek()  # the first error (a runtime type error, a timeout) answers now
        yield Cursor(columns, query_type, plan, limits, result, statement, began=began)
    finally:
        with suppress(Neo4jError, DriverError):
            session.close()  # discards whatever rows were not read


def _query(text: str, limits: Limits) -> Query:
    """The analyst's text with its server-side timeout and a tag for Neo4j's query log."""
    # The analyst's own text is the feature here; the guard has checked it is one statement.
    return Query(cast(LiteralString, text), timeout=limits.timeout_s,
                 metadata={"app": "peergraph-analyst"})


def _vet(session: Session, statement: str, parameters: dict[str, Any], settings: Settings,
         limits: Limits, with_plan: bool) -> tuple[str, dict[str, Any]]:
    """EXPLAIN the statement (nothing runs) and refuse it unless it is a plain read."""
    key = (settings.neo4j_database, *sorted(settings.analyst_procedures), statement)
    if not with_plan and (known := ACCEPTED.get(key)) is not None:
        return known, {}
    with translated(statement, prefix_lines=1, timeout_s=limits.timeout_s):
        summary = session.run(_query(EXPLAIN_PREFIX + statement, limits), parameters).consume()
    plan = summary.plan or {}
    reason = refusal(summary.query_type, plan, settings.neo4j_database,
                     settings.analyst_procedures)
    if reason:
        raise Forbidden(f"Refused: {reason}. Analyst queries are read-only; nothing was run.",
                        errors=[{"parameter": "query", "in": "body", "message": reason}])
    if summary.query_type in {"r", "s"}:  # never remember anything that writes
        ACCEPTED.put(key, str(summary.query_type))
    return str(summary.query_type), plan


def run_json(driver: Driver, settings: Settings, text: str, parameters: dict[str, Any],
             limits: Limits, with_plan: bool = False) -> dict[str, Any]:
    """The whole answer (rows up to the cap) as Python values, for the terminal."""
    with _whole_answer(driver, settings, text, parameters, limits, with_plan) as cursor:
        # Raw values: values.dumps writes the plain ones in C and converts only driver types.
        rows = list(cursor.records())
    return {"columns": cursor.columns, "rows": rows, **_summary(cursor, len(rows), with_plan)}


def run_json_bytes(driver: Driver, settings: Settings, text: str, parameters: dict[str, Any],
                   limits: Limits, with_plan: bool = False,
                   extra: dict[str, Any] | None = None) -> bytes:
    """The same answer as JSON bytes (extra's keys first), rows encoded as they arrive."""
    with (_whole_answer(driver, settings, text, parameters, limits, with_plan) as cursor,
          translated(text)):  # an undecodable value fails the encoding: a 422, not a 500
        # The bytes orjson would write for the whole dict, built as one growing buffer, a
        # hundred rows at a time: the driver's records die young instead of piling up for the
        # garbage collector to walk again and again, and one orjson call per hundred rows
        # costs less than one per row.
        body = bytearray(dumps((extra or {}) | {"columns": cursor.columns})[:-1])
        body += b',"rows":['
        count, waiting = 0, []
        for values in cursor.records():
            waiting.append(values)
            if len(waiting) == ENCODE_ROWS_AT_ONCE:
                count += _encode_rows(body, waiting, count)
                waiting = []
        count += _encode_rows(body, waiting, count)
    body += b"],"
    body += dumps(_summary(cursor, count, with_plan))[1:]
    return bytes(body)


def _encode_rows(body: bytearray, rows: list[list[Any]], written: int) -> int:
    """Append rows to body as items of the JSON array that has `written` already."""
    if rows:
        if written:
            body += b","
        body += dumps(rows)[1:-1]
    return len(rows)


def _whole_answer(driver: Driver, settings: Settings, text: str, parameters: dict[str, Any],
                  limits: Limits, with_plan: bool) -> AbstractContextManager[Cursor]:
    """A cursor for an answer sent whole: one PULL asks for the cap and the row past it."""
    # A cut result then costs no second batch of rows that would be thrown away.
    return open_cursor(driver, settings, text, parameters, limits, with_plan,
                       fetch_size=limits.rows + 1)


def _summary(cursor: Cursor, row_count: int, with_plan: bool) -> dict[str, Any]:
    """The answer's fields after its rows, in order; the plan summary when one was asked."""
    summary: dict[str, Any] = {
        "row_count": row_count, "truncated": cursor.truncated, "limit": cursor.limits.rows,
        "timeout_ms": round(cursor.limits.timeout_s * 1000), "took_ms": cursor.took_ms(),
        "query_type": cursor.query_type,
    }
    if with_plan:
        summary["plan"] = summarise_plan(cursor.plan)
    return summary


def open_csv_stream(driver: Driver, settings: Settings, text: str, parameters: dict[str, Any],
                    limits: Limits) -> tuple[Iterator[str], ExitStack]:
    """Vet and start the query now (errors answer with a status); stream CSV text after."""
    stack = ExitStack()
    cursor = stack.enter_context(open_cursor(driver, settings, text, parameters, limits))
    return _csv_chunks(cursor, stack), stack


def _csv_chunks(cursor: Cursor, stack: ExitStack) -> Iterator[str]:
    """The header, then rows in chunks, so memory stays bounded whatever the result size."""
    with stack:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(cursor.columns)
        for count, values in enumerate(cursor.records(), start=1):
            writer.writerow([to_csv_cell(value) for value in values])
            if count % CSV_ROWS_PER_CHUNK == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()
