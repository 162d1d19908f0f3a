"""`peergraph cypher`, `peergraph query`, `peergraph schema`: analyst access from a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from neo4j import Driver

from cli.output import (
    FORMATS,
    PROPERTY_BUDGET,
    default_format,
    error_console,
    print_result,
    print_rows,
    status_console,
)
from cli.saved_help import empty_answer, query_help
from cli.shell import Shell, ShellState, parse_param, prompt_session
from core.db import check_connectivity, make_driver
from core.errors import InvalidParameter
from core.graph import Graph
from core.settings import Settings, get_settings
from service.analyst import catalogue
from service.analyst.limits import resolve_limits
from service.analyst.model import graph_model
from service.analyst.pool import AnalystPool

console = error_console()
HISTORY = Path.home() / ".peergraph_cypher_history"

FormatOpt = Annotated[str | None, typer.Option(
    "--format", "-f", help="table, csv, json or jsonl (default: table on a terminal, jsonl "
    "into a pipe)")]
PropsOpt = Annotated[int, typer.Option("--props", min=0, help="Properties shown per node or "
                                       "relationship in a table")]
LimitOpt = Annotated[int | None, typer.Option(help="Row cap (default and max: settings)")]
TimeoutOpt = Annotated[int | None, typer.Option("--timeout-ms", help="Server-side time limit")]
ParamOpt = Annotated[list[str] | None, typer.Option("--param", "-p", help="name=value, repeatable")]
PlanOpt = Annotated[bool, typer.Option("--plan", help="Also print the EXPLAIN plan (json)")]


@contextmanager
def _connected() -> Iterator[tuple[Driver, Settings]]:
    """The settings and a checked driver, closed afterwards."""
    settings = get_settings()
    with make_driver(settings) as driver:
        check_connectivity(driver, settings)
        yield driver, settings


@contextmanager
def _analyst_pool() -> Iterator[AnalystPool]:
    """An analyst pool over a checked driver: one query at a time, the endpoint's limits."""
    with _connected() as (driver, settings):
        pool = AnalystPool(settings, driver)
        try:
            yield pool
        finally:
            pool.close()  # cuts loose a query still running past its deadline


def _check_format(fmt: str | None) -> str:
    """The format (the default for where stdout goes), or a clear error naming the allowed."""
    if fmt is None:
        return default_format()
    if fmt not in FORMATS:
        raise InvalidParameter(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


def cypher_command(
    query: Annotated[str | None, typer.Argument(help="One Cypher statement; none: a shell")] = None,
    fmt: FormatOpt = None, limit: LimitOpt = None, timeout_ms: TimeoutOpt = None,
    param: ParamOpt = None, plan: PlanOpt = False, props: PropsOpt = PROPERTY_BUDGET,
    history: Annotated[Path, typer.Option(help="Shell history file")] = HISTORY,
) -> None:
    """Run read-only Cypher (writes are refused before they run); no query: a shell."""
    chosen = _check_format(fmt)
    parameters = dict(parse_param(p) for p in param or [])
    with _analyst_pool() as pool:
        if query is not None:
            limits = resolve_limits(pool.settings, limit, timeout_ms)
            print_result(pool, pool.settings, query, parameters, limits, chosen, plan,
                         budget=props)
            return
        _shell(pool, ShellState(chosen, limit, timeout_ms, parameters, props), history)


def _shell(pool: AnalystPool, state: ShellState, history: Path) -> None:
    """The interactive loop; a plain line reader when stdin is not a terminal."""
    settings = pool.settings
    graph = Graph(pool.driver, settings.neo4j_database)

    def run(text: str, current: ShellState) -> None:
        limits = resolve_limits(settings, current.limit, current.timeout_ms)
        print_result(pool, settings, text, current.parameters, limits, current.fmt,
                     budget=current.props)

    shell = Shell(run, lambda: _print_model(graph_model(graph), "table"), console)
    shell.state = state
    if sys.stdin.isatty():
        console.print(f"Connected to {settings.neo4j_uri} (read-only). :help for commands.")
        session = prompt_session(history)
        shell.loop(session.prompt)
    else:
        shell.loop(_read_piped)


def _read_piped() -> str:
    """One `;`-terminated statement (or `:` command) from a pipe; EOFError at the end."""
    lines: list[str] = []
    for line in sys.stdin:
        lines.append(line)
        text = "".join(lines).strip()
        if text.endswith(";") or text.startswith(":"):
            return text
    if "".join(lines).strip():
        return "".join(lines)
    raise EOFError


def query_command(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Saved query name; none: list them")] = None,
    param: ParamOpt = None, fmt: FormatOpt = None, limit: LimitOpt = None,
    timeout_ms: TimeoutOpt = None, plan: PlanOpt = False, props: PropsOpt = PROPERTY_BUDGET,
    show_help: Annotated[bool, typer.Option("--help", "-h", help="This help; with NAME: "
                                            "what that query takes, and an example")] = False,
) -> None:
    """Run a saved query (cypher/analyst/NAME.cypher) with --param key=value; none: list."""
    if show_help:
        typer.echo(query_help(catalogue.get(name)) if name else ctx.get_help())
        return
    chosen = _check_format(fmt)
    if name is None:
        rows = [{"name": q.name, "title": q.title,
                 "parameters": ", ".join(_param_summary(p) for p in q.parameters)}
                for q in catalogue.all_queries()]
        print_rows(rows, title="Saved queries (peergraph query NAME --param key=value)")
        return
    saved = catalogue.get(name)
    declared = {p.name: p for p in saved.parameters}
    given: dict[str, Any] = {}
    for key, raw in (_split(p) for p in param or []):
        if key not in declared:
            saved.bind({key: raw})  # raises the one clear "no parameter" error
        given[key] = catalogue.from_text(declared[key], raw)
    try:
        bound = saved.bind(given)
    except InvalidParameter as exc:  # a missing parameter: say what the query takes
        raise InvalidParameter(f"{exc.detail}\n\n{query_help(saved)}",
                               errors=exc.errors) from None
    with _analyst_pool() as pool:
        limits = resolve_limits(pool.settings, limit, timeout_ms)
        count = print_result(pool, pool.settings, saved.text, bound, limits, chosen, plan,
                             budget=props)
    if count == 0:
        status_console(to_stdout=chosen == "table").print(empty_answer(saved, bound))


def _split(assignment: str) -> tuple[str, str]:
    """`key=value` as a pair of strings."""
    key, sep, raw = assignment.partition("=")
    if not sep or not key.strip():
        raise InvalidParameter(f"--param wants key=value, got {assignment!r}")
    return key.strip(), raw


def _param_summary(param: catalogue.Parameter) -> str:
    """`name: type = default` for listings."""
    default = "" if param.required else f" = {orjson.dumps(param.default).decode()}"
    return f"{param.name}: {param.type}{default}"


def schema_command(fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")
                                  ] = "table") -> None:
    """The graph model: labels, relationship types and their properties, indexes."""
    _check_format(fmt)
    with _connected() as (driver, settings):
        console.print(f"Bolt URI for your own tools: {settings.neo4j_uri} "
                      f"(database {settings.neo4j_database})")
        _print_model(graph_model(Graph(driver, settings.neo4j_database)), fmt)


def _print_model(model: dict[str, Any], fmt: str) -> None:
    """The model as JSON, or as two tables."""
    if fmt != "table":
        sys.stdout.write(orjson.dumps(model, option=orjson.OPT_INDENT_2).decode() + "\n")
        return
    print_rows([{"label": n["label"], "properties": ", ".join(
        f"{p['name']}: {'|'.join(p['types'])}" for p in n["properties"])}
        for n in model["labels"]], title="Node labels")
    print_rows([{"type": r["type"], "connects": ", ".join(
        f"({p['from']})->({p['to']})" for p in r["patterns"]), "properties": ", ".join(
        p["name"] for p in r["properties"])} for r in model["relationship_types"]],
        title="Relationship types")

