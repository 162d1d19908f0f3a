"""Analyst results in a terminal: a table that never cuts a value (each record on its own,
like psql's `\\x auto`, when a row is wider than the terminal), CSV, JSON or JSON Lines; nodes
and relationships written as Cypher writes them, `(:Author {id: "a1", name: "Ada"})`."""

from __future__ import annotations

import contextlib
import gc
import shutil
import sys
from collections.abc import Iterator
from typing import Any, TextIO

import orjson
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from cli.cells import PROPERTY_BUDGET, cell_texts
from core.settings import Settings
from service.analyst.failures import translated
from service.analyst.limits import Limits
from service.analyst.pool import AnalystPool
from service.analyst.runner import run_json, stream_csv
from service.analyst.values import dumps

FORMATS = ("table", "csv", "json", "jsonl")
MIN_WIDTH = 40


def default_format(out: TextIO | None = None) -> str:
    """A table on a terminal, JSON Lines into a pipe or a file."""
    return "table" if (out or sys.stdout).isatty() else "jsonl"


def plural(count: int, noun: str) -> str:
    """`1 row`, `2 rows`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def print_table(columns: list[str], rows: list[list[Any]], out: TextIO | None = None,
                budget: int = PROPERTY_BUDGET, title: str = "", width: int | None = None
                ) -> None:
    """psql's aligned table when the rows fit the terminal (`width`: its own unless given),
    else each record on its own, a column's name beside its value, long values wrapped: a
    value is never cut. Into a pipe, the table whatever its width, rows never wrapped."""
    out = out or sys.stdout
    texts = [cell_texts(values, budget) for values in zip(*rows, strict=True)]
    texts = texts or [[] for _ in columns]
    lengths = [_widths(column) for column in texts]
    widths = [max([_width(name), *column_lengths])
              for name, column_lengths in zip(columns, lengths, strict=True)]
    limit = width or shutil.get_terminal_size().columns
    if title:
        out.write(title + "\n")
    if out.isatty() and sum(widths) + 3 * len(columns) - 1 > limit and len(columns) > 1:
        out.write(_records(columns, texts, limit))
        return
    header = [name + " " * (w - _width(name)) for name, w in zip(columns, widths, strict=True)]
    padded = [[text + " " * (w - n) for text, n in zip(column, column_lengths, strict=True)]
              for column, column_lengths, w in zip(texts, lengths, widths, strict=True)]
    lines = [" | ".join(header).rstrip(), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(row).rstrip() for row in zip(*padded, strict=True)]
    out.write("\n".join(lines) + "\n")


def _widths(texts: list[str]) -> list[int]:
    """Columns each text takes on a terminal (wide characters count 2)."""
    return list(map(len if all(map(str.isascii, texts)) else _width, texts))


def _width(text: str) -> int:
    """Columns a text takes on a terminal (wide characters count 2)."""
    return len(text) if text.isascii() else cell_len(text)


def _records(columns: list[str], texts: list[list[str]], limit: int) -> str:
    """psql's expanded display (`\\x`): `-[ record N ]`, then `name | value` lines, values
    folded at the terminal's width (one %-template for a record's lines)."""
    key_width = max(cell_len(name) for name in columns)
    room = max(limit - key_width - 3, MIN_WIDTH // 2)
    rule = min(limit, key_width + 3 + room)
    more = "\n" + " " * key_width + " + "
    folded = [_folded_column(column, room, more) for column in texts]
    record = "\n".join(["%s", *(f"{name.ljust(key_width)} | ".replace("%", "%%") + "%s"
                                 for name in columns)])
    headers = [f"-[ record {number} ]".ljust(rule, "-") for number in range(1, len(texts[0]) + 1)]
    return "\n".join(map(record.__mod__, zip(headers, *folded, strict=True))) + "\n"


def _folded_column(texts: list[str], room: int, more: str) -> list[str]:
    """A column's values in lines of `room` characters, each after the first behind `more`."""
    if max(map(len, texts), default=0) <= room:  # the common case: nothing to fold
        return texts
    twice = 2 * room  # two lines, the usual fold, without a call
    return [text if len(text) <= room else text[:room] + more + text[room:]
            if len(text) <= twice else _folded(text, room, more) for text in texts]


def _folded(text: str, room: int, more: str) -> str:
    """A long value in lines of `room` characters, each after the first behind `more`."""
    return more.join([text[start:start + room] for start in range(0, len(text), room)])


def print_jsonl(columns: list[str], rows: list[list[Any]], out: TextIO | None = None) -> None:
    """One JSON object per row, keyed by column: for jq, grep and other programs."""
    out = out or sys.stdout
    for row in rows:
        out.write(orjson.dumps(dict(zip(columns, row, strict=True))).decode() + "\n")


def print_rows(rows: list[dict[str, Any]], out: TextIO | None = None, title: str = "") -> None:
    """A list of flat dicts (e.g. the saved queries) as a table."""
    if rows:
        print_table(list(rows[0]), [list(row.values()) for row in rows], out, title=title)


def error_console() -> Console:
    """stderr, wrapped by rich only on a terminal (into a file, one line per message)."""
    return Console(stderr=True, soft_wrap=not sys.stderr.isatty(), highlight=False)


def status_console(to_stdout: bool) -> Console:
    """Where a summary line goes: beside a table on stdout, else on stderr so that piped
    data stays clean; never wrapped mid-sentence."""
    return Console(stderr=not to_stdout, soft_wrap=True, highlight=False)


def print_result(pool: AnalystPool, settings: Settings, text: str,
                 parameters: dict[str, Any], limits: Limits, fmt: str, with_plan: bool = False,
                 out: TextIO | None = None, budget: int = PROPERTY_BUDGET) -> int:
    """Run one query on the pool (the endpoint's limits: size, nesting, bytes, wall clock),
    print it in the chosen format, then its summary; the number of rows."""
    out = out or sys.stdout
    with _collector_paused(), translated(text):  # a value that cannot be decoded fails here
        if fmt == "csv":
            pool.run(stream_csv, limits, pool.driver, settings, text, parameters, limits,
                     send=lambda chunk: out.write(chunk.decode()))
            return -1  # counted in the stream's own trailer, when cut
        answer = pool.run(run_json, limits, pool.driver, settings, text, parameters, limits,
                          with_plan)
        if fmt == "json":
            out.write(dumps(answer, indent=True).decode() + "\n")
            return int(answer["row_count"])
        if fmt == "jsonl":
            print_jsonl(answer["columns"], answer["rows"], out)
        else:
            print_table(answer["columns"], answer["rows"], out, budget)
    status = status_console(to_stdout=fmt == "table")
    status.print(f"{plural(answer['row_count'], 'row')}{_cut(answer)} in {answer['took_ms']} ms")
    if with_plan:
        status.print_json(data=answer["plan"])
    return int(answer["row_count"])


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while an answer is decoded and written: its thousands of
    short-lived lists and dicts hold no cycles (reference counts free them), and each
    collection would walk them all again (1 000 rows: 10-15 ms)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _cut(answer: dict[str, Any]) -> str:
    """Why the answer stops short, if it does."""
    if answer["truncated_reason"] == "bytes":
        return f" (cut at the byte cap of {answer['max_bytes']} bytes)"
    return f" (cut at the limit of {answer['limit']})" if answer["truncated"] else ""


def print_error(console: Console, problem: BaseException) -> None:
    """One wording for every failure, in the shell and one-shot alike: `error: <what, where>`
    (a Peergraph error's own detail: a syntax error's line, column, the line and a caret)."""
    detail = getattr(problem, "detail", None) or str(problem)
    console.print(Text.assemble(("error:", "bold red"), " ", detail), highlight=False)
