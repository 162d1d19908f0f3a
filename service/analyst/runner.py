"""Run one vetted analyst query into its answer: JSON bytes or CSV chunks, each cut at the
row cap and at the byte cap, counted as the answer is encoded."""

from __future__ import annotations

import csv
import io
from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import orjson
from neo4j import Driver

from core.settings import Settings
from service.analyst.cursor import Cursor, open_cursor
from service.analyst.failures import translated
from service.analyst.guard import summarise_plan
from service.analyst.limits import Limits, Ticket
from service.analyst.values import dumps, to_csv_cell

ENCODE_ROWS_AT_ONCE = 100
# Rows waiting to be encoded are encoded sooner once they took this many bytes on the wire,
# so a few large rows never pile up decoded (Python needs several times their size).
ENCODE_AFTER_BYTES = 1 << 20
# Bytes kept free under the cap for what follows the rows (the plan, when asked, is extra).
SUMMARY_ROOM = 512
CSV_ROWS_PER_CHUNK = 500
CSV_CHUNK_CHARS = 64 * 1024


def run_json(driver: Driver, settings: Settings, text: str, parameters: dict[str, Any],
             limits: Limits, with_plan: bool = False, ticket: Ticket | None = None
             ) -> dict[str, Any]:
    """The same answer as the endpoint's, as Python values, for the terminal."""
    # Decoded from the bytes, so the terminal gets exactly the HTTP answer, under its caps.
    answer: dict[str, Any] = orjson.loads(run_json_bytes(driver, settings, text, parameters,
                                                         limits, with_plan, ticket=ticket))
    return answer


def run_json_bytes(driver: Driver, settings: Settings, text: str, parameters: dict[str, Any],
                   limits: Limits, with_plan: bool = False,
                   extra: dict[str, Any] | None = None, ticket: Ticket | None = None) -> bytes:
    """The answer as JSON bytes (extra's keys first), rows encoded as they arrive."""
    with (_whole_answer(driver, settings, text, parameters, limits, with_plan, ticket) as cursor,
          translated(text)):  # an undecodable value fails the encoding: a 422, not a 500
        # The bytes orjson would write for the whole dict, built as one growing buffer, a
        # hundred rows at a time: the driver's records die young instead of piling up for the
        # garbage collector to walk again and again, and one orjson call per hundred rows
        # costs less than one per row.
        body = bytearray(dumps((extra or {}) | {"columns": cursor.columns})[:-1])
        body += b',"rows":['
        rows, budget = _JsonRows(body, limits.max_bytes - SUMMARY_ROOM), cursor.budget
        waiting: list[list[Any]] = []
        since = budget.received  # wire bytes when the waiting rows started
        for values in cursor.records():
            waiting.append(values)
            if (len(waiting) == ENCODE_ROWS_AT_ONCE
                    or budget.received - since >= ENCODE_AFTER_BYTES):
                if not rows.add(waiting):
                    break
                waiting, since = [], budget.received
        else:
            rows.add(waiting)
        if rows.cut:
            cursor.truncated_reason = "bytes"
    body += b"],"
    body += dumps(_summary(cursor, rows.count, with_plan))[1:]
    return bytes(body)


class _JsonRows:
    """Rows appended to the JSON array in body, never past `cap` bytes of body."""

    def __init__(self, body: bytearray, cap: int) -> None:
        self.body, self.cap, self.count, self.cut = body, cap, 0, False

    def add(self, rows: list[list[Any]]) -> bool:
        """Encode rows, as many as fit under the cap; False (and `cut`) if some did not."""
        if not rows:
            return True
        mark = len(self.body)
        self._append(rows)
        if len(self.body) <= self.cap:
            self.count += len(rows)
            return True
        del self.body[mark:]  # past the cap: take back the batch, then one row at a time
        for row in rows:
            mark = len(self.body)
            self._append([row])
            if len(self.body) > self.cap:
                del self.body[mark:]
                self.cut = True
                return False
            self.count += 1
        return True

    def _append(self, rows: list[list[Any]]) -> None:
        """The rows as items of the JSON array that has `count` items already."""
        if self.count:
            self.body += b","
        self.body += dumps(rows)[1:-1]


def _whole_answer(driver: Driver, settings: Settings, text: str, parameters: dict[str, Any],
                  limits: Limits, with_plan: bool, ticket: Ticket | None
                  ) -> AbstractContextManager[Cursor]:
    """A cursor for an answer sent whole: one PULL asks for the cap and the row past it."""
    # A cut result then costs no second batch of rows that would be thrown away.
    return open_cursor(driver, settings, text, parameters, limits, with_plan,
                       fetch_size=limits.rows + 1, ticket=ticket)


def _summary(cursor: Cursor, row_count: int, with_plan: bool) -> dict[str, Any]:
    """The answer's fields after its rows, in order; the plan summary when one was asked."""
    summary: dict[str, Any] = {
        "row_count": row_count, "truncated": cursor.truncated,
        "truncated_reason": cursor.truncated_reason, "limit": cursor.limits.rows,
        "max_bytes": cursor.limits.max_bytes,
        "timeout_ms": round(cursor.limits.timeout_s * 1000), "took_ms": cursor.took_ms(),
        "query_type": cursor.query_type,
    }
    if with_plan:
        summary["plan"] = summarise_plan(cursor.plan)
    return summary


def stream_csv(driver: Driver, settings: Settings, text: str, parameters: dict[str, Any],
               limits: Limits, send: Callable[[bytes], None], ticket: Ticket | None = None
               ) -> None:
    """Vet and run the query, then send its CSV in chunks (errors before the first chunk are
    errors of the request; later ones end the stream)."""
    with open_cursor(driver, settings, text, parameters, limits, ticket=ticket) as cursor:
        for chunk in csv_chunks(cursor):
            send(chunk)


def csv_chunks(cursor: Cursor) -> Iterator[bytes]:
    """The header, then rows in chunks (bounded memory); at the byte cap a last line says so."""
    last_line = cut_line(cursor.limits.max_bytes)
    out = _CsvChunks(cursor.limits.max_bytes - len(last_line))
    out.write(cursor.columns)
    yield out.take()  # the header at once: the response starts as soon as the query runs
    for values in cursor.records():
        out.write([to_csv_cell(value) for value in values])
        if out.full():
            yield out.take()
            if out.cut:
                cursor.truncated_reason = "bytes"
                break
    else:
        yield out.take()
        if out.cut:
            cursor.truncated_reason = "bytes"
    if cursor.truncated_reason == "bytes":
        yield last_line


def cut_line(max_bytes: int) -> bytes:
    """The last line of a CSV answer cut at the byte cap."""
    return (f"# truncated: the answer reached its byte cap of {max_bytes} bytes "
            "(PEERGRAPH_ANALYST_MAX_BYTES)\n").encode()


class _CsvChunks:
    """CSV text written to a buffer and taken out as UTF-8 chunks, never past `room` bytes
    in all and always whole rows (a quoted cell may hold a newline: rows are tracked)."""

    def __init__(self, room: int) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")
        self.room, self.cut = room, False
        self._ends = [0]  # where each row written since the last take ends, in characters

    def write(self, row: list[Any]) -> None:
        """One row."""
        self.writer.writerow(row)
        self._ends.append(self.buffer.tell())

    def full(self) -> bool:
        """Whether enough rows or text wait to make a chunk."""
        return len(self._ends) > CSV_ROWS_PER_CHUNK or self._ends[-1] >= CSV_CHUNK_CHARS

    def take(self) -> bytes:
        """The waiting rows as bytes: all of them, or as many as fit (then `cut` is set)."""
        text, ends = self.buffer.getvalue(), self._ends
        self.buffer.seek(0)
        self.buffer.truncate()
        self._ends = [0]
        data = _utf8(text)
        if len(data) > self.room:
            fits = bisect_right(ends, self.room, key=lambda end: len(_utf8(text[:end]))) - 1
            data, self.cut = _utf8(text[:ends[fits]]), True
        self.room -= len(data)
        return data


def _utf8(text: str) -> bytes:
    """CSV text as UTF-8; a lone surrogate (Java strings allow them) becomes `?`."""
    return text.encode("utf-8", "replace")
