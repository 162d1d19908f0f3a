"""Analyst results in a terminal: a table, CSV or JSON on stdout; status lines on stderr."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from core.settings import Settings
from service.analyst.failures import translated
from service.analyst.limits import Limits
from service.analyst.pool import AnalystPool
from service.analyst.runner import run_json, stream_csv
from service.analyst.values import dumps, to_csv_cell

FORMATS = ("table", "csv", "json")


def print_result(pool: AnalystPool, settings: Settings, text: str,
                 parameters: dict[str, Any], limits: Limits, fmt: str, with_plan: bool = False,
                 out: TextIO | None = None) -> None:
    """Run one query on the pool (the endpoint's limits: size, nesting, bytes, wall clock)
    and print it in the chosen format."""
    out = out or sys.stdout
    status = Console(stderr=True)
    with translated(text):  # a value that cannot be decoded fails as it is written
        if fmt == "csv":
            pool.run(stream_csv, limits, pool.driver, settings, text, parameters, limits,
                     send=lambda chunk: out.write(chunk.decode()))
            return
        answer = pool.run(run_json, limits, pool.driver, settings, text, parameters, limits,
                          with_plan)
        if fmt == "json":
            out.write(dumps(answer, indent=True).decode() + "\n")
            return
        Console(file=out, soft_wrap=True).print(_table(answer["columns"], answer["rows"]))
    status.print(f"{answer['row_count']} rows{_cut(answer)} in {answer['took_ms']} ms")
    if with_plan:
        status.print_json(data=answer["plan"])


def _cut(answer: dict[str, Any]) -> str:
    """Why the answer stops short, if it does."""
    if answer["truncated_reason"] == "bytes":
        return f" (cut at the byte cap of {answer['max_bytes']} bytes)"
    return f" (cut at the limit of {answer['limit']})" if answer["truncated"] else ""


def _table(columns: list[str], rows: list[list[Any]]) -> Table:
    """A rich table; structured cells as compact JSON."""
    table = Table(*columns, show_lines=False)
    for row in rows:
        table.add_row(*(to_csv_cell(value) for value in row))
    return table


def print_rows(rows: list[dict[str, Any]], out: TextIO | None = None, title: str = "") -> None:
    """A list of flat dicts (e.g. the saved queries) as a table."""
    if not rows:
        return
    table = Table(*rows[0].keys(), title=title or None)
    for row in rows:
        table.add_row(*(to_csv_cell(value) for value in row.values()))
    Console(file=out or sys.stdout, soft_wrap=True).print(table)
