"""Analyst results in a terminal: a table that never cuts a value (each record on its own,
like psql's `\\x auto`, when a row is wider than the terminal), CSV, JSON or JSON Lines; nodes
and relationships written as Cypher writes them, `(:Author {id: "a1", name: "Ada"})`."""

from __future__ import annotations

import contextlib
import functools
import gc
import shutil
import sys
from collections.abc import Iterator
from typing import Any, TextIO

import orjson
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from core.settings import Settings
from service.analyst.failures import translated
from service.analyst.limits import Limits
from service.analyst.pool import AnalystPool
from service.analyst.runner import run_json, stream_csv
from service.analyst.values import dumps

FORMATS = ("table", "csv", "json", "jsonl")
PROPERTY_BUDGET = 4  # properties shown per node or relationship before "…"
_dumps = orjson.dumps
FIRST_KEYS = ("id", "name", "title")  # what names a node, shown before the rest
MIN_WIDTH = 40


def default_format(out: TextIO | None = None) -> str:
    """A table on a terminal, JSON Lines into a pipe or a file."""
    return "table" if (out or sys.stdout).isatty() else "jsonl"


def plural(count: int, noun: str) -> str:
    """`1 row`, `2 rows`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def cell_text(value: Any, budget: int = PROPERTY_BUDGET) -> str:
    """One value as a reader types it on one line: text bare (a line break as `\\n`),
    numbers as written, graph entities as Cypher patterns (literals escape their own)."""
    kind = type(value)
    if kind is str:
        return value.replace("\n", "\\n") if "\n" in value else value
    if kind is int or kind is float:
        return repr(value)
    if value is None:
        return ""
    return literal(value, budget)


def literal(value: Any, budget: int = PROPERTY_BUDGET) -> str:
    """A value as a Cypher literal; nodes, relationships and paths as patterns."""
    kind = type(value)  # exact types first: the JSON answer holds nothing else
    if kind is str:
        return _dumps(value).decode()
    if kind is int or kind is float:
        return repr(value)
    if kind is list:
        return "[" + ", ".join([literal(item, budget) for item in value]) + "]"
    if kind is dict:
        entity = value.get("kind")
        if entity == "node":
            return node_text(value, budget)
        if entity == "relationship":
            return f"[{_relationship_inner(value, budget)}]"
        if entity == "path":
            return path_text(value, budget)
        return _map(value, budget, all_keys=True)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return _dumps(value, default=str).decode()


def node_text(node: dict[str, Any], budget: int = PROPERTY_BUDGET) -> str:
    """`(:Label {id: …, name: …, …+3})`."""
    labels = "".join(f":{label}" for label in node["labels"])
    props = _map(node["properties"], budget)
    return f"({labels}{' ' + props if props else ''})"


def path_text(path: dict[str, Any], budget: int = PROPERTY_BUDGET) -> str:
    """`(a)-[:R]->(b)<-[:S]-(c)`, each step's direction from its relationship."""
    nodes, rels = path["nodes"], path["relationships"]
    parts = [node_text(nodes[0], budget)]
    for left, rel, right in zip(nodes, rels, nodes[1:], strict=False):
        inner = _relationship_inner(rel, budget)
        forward = rel.get("start") == left.get("id")
        parts.append(f"-[{inner}]->" if forward else f"<-[{inner}]-")
        parts.append(node_text(right, budget))
    return "".join(parts)


def _relationship_inner(rel: dict[str, Any], budget: int) -> str:
    """`:TYPE {k: v}` inside a relationship's brackets."""
    props = _map(rel["properties"], budget)
    return f":{rel['type']}{' ' + props if props else ''}"


def _map(props: dict[str, Any], budget: int, all_keys: bool = False) -> str:
    """`{id: "a1", name: "Ada", …+2}`: naming keys first, at most `budget` unless all."""
    if not props:
        return ""
    keys = _key_order(tuple(props))
    shown = keys if all_keys else keys[:budget]
    body = ", ".join([f"{key}: {literal(props[key], budget)}" for key in shown])
    rest = len(keys) - len(shown)
    return "{" + body + (f", …+{rest}" if rest else "") + "}"


@functools.lru_cache(maxsize=256)
def _key_order(keys: tuple[str, ...]) -> tuple[str, ...]:
    """Naming keys first, then the rest sorted (the nodes of one answer share their keys)."""
    return (*(k for k in FIRST_KEYS if k in keys), *sorted(k for k in keys if k not in FIRST_KEYS))


def print_table(columns: list[str], rows: list[list[Any]], out: TextIO | None = None,
                budget: int = PROPERTY_BUDGET, title: str = "", width: int | None = None
                ) -> None:
    """psql's aligned table when the rows fit the terminal (`width`: its own unless given),
    else each record on its own, a column's name beside its value, long values wrapped: a
    value is never cut. Into a pipe, the table whatever its width, rows never wrapped."""
    out = out or sys.stdout
    cells = [[cell_text(value, budget) for value in row] for row in rows]
    lengths = [[_width(cell) for cell in row] for row in cells]
    widths = [max([_width(name), *(row[i] for row in lengths)]) for i, name in enumerate(columns)]
    terminal = out.isatty()
    limit = width or shutil.get_terminal_size().columns
    if title:
        out.write(title + "\n")
    if terminal and sum(widths) + 3 * len(columns) - 1 > limit and len(columns) > 1:
        out.write(_records(columns, cells, limit))
        return
    lines = [_aligned(columns, [_width(name) for name in columns], widths),
             "-+-".join("-" * w for w in widths)]
    lines += [_aligned(row, row_lengths, widths) for row, row_lengths in zip(cells, lengths,
                                                                             strict=True)]
    out.write("\n".join(lines) + "\n")


def _width(text: str) -> int:
    """Columns a text takes on a terminal (wide characters count 2)."""
    return len(text) if text.isascii() else cell_len(text)


def _aligned(cells: list[str], lengths: list[int], widths: list[int]) -> str:
    """One table line: cells padded to their column's width."""
    return " | ".join(cell + " " * (w - n) for cell, n, w in zip(cells, lengths, widths,
                                                                 strict=True)).rstrip()


def _records(columns: list[str], cells: list[list[str]], limit: int) -> str:
    """psql's expanded display (`\\x`): `-[ record N ]`, then `name | value` lines, values
    folded at the terminal's width."""
    key_width = max(cell_len(name) for name in columns)
    room = max(limit - key_width - 3, MIN_WIDTH // 2)
    rule = min(limit, key_width + 3 + room)
    keys = [f"{name.ljust(key_width)} | " for name in columns]
    more = " " * key_width + " + "
    lines = []
    for number, row in enumerate(cells, start=1):
        lines.append(f"-[ record {number} ]".ljust(rule, "-"))
        for key, cell in zip(keys, row, strict=True):
            if len(cell) <= room:  # the common case: one line
                lines.append(key + cell)
                continue
            lines.append(key + cell[:room])
            lines += [more + cell[i:i + room] for i in range(room, len(cell), room)]
    return "\n".join(lines) + "\n"


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
