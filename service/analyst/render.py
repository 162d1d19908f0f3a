"""Analyst results in a terminal: a table, CSV or JSON on stdout; status lines on stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any, TextIO

from neo4j import Driver
from rich.console import Console
from rich.table import Table

from service.analyst.failures import translated
from service.analyst.runner import Limits, open_csv_stream, run_json
from service.analyst.values import dumps, to_csv_cell
from service.settings import Settings

FORMATS = ("table", "csv", "json")


def print_result(driver: Driver, settings: Settings, text: str, parameters: dict[str, Any],
                 limits: Limits, fmt: str, with_plan: bool = False,
                 out: TextIO | None = None) -> None:
    """Run one vetted query and print it in the chosen format."""
    out = out or sys.stdout
    status = Console(stderr=True)
    with translated(text):  # a value that cannot be decoded fails as it is written
        if fmt == "csv":
            chunks, stack = open_csv_stream(driver, settings, text, parameters, limits)
            _write_all(chunks, stack, out)
            return
        answer = run_json(driver, settings, text, parameters, limits, with_plan)
        if fmt == "json":
            out.write(dumps(answer, indent=True).decode() + "\n")
            return
        Console(file=out, soft_wrap=True).print(_table(answer["columns"], answer["rows"]))
    cut = f" (cut at the limit of {limits.rows})" if answer["truncated"] else ""
    status.print(f"{answer['row_count']} rows{cut} in {answer['took_ms']} ms")
    if with_plan:
        status.print_json(data=answer["plan"])


def _write_all(chunks: Iterator[str], stack: ExitStack, out: TextIO) -> None:
    """Copy a CSV stream to out, closing the query even if writing fails."""
    with stack:
        for chunk in chunks:
            out.write(chunk)


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
