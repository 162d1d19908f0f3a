"""`peergraph load …`: push sources into the graph."""

from __future__ import annotations

import typer
from rich.console import Console

from loaders.sample import load_sample
from service.db import apply_schema, check_connectivity, make_driver
from service.settings import get_settings

load_app = typer.Typer(help="Load sources into the graph (idempotent).", no_args_is_help=True)
console = Console(stderr=True)


@load_app.command("sample")
def load_sample_command() -> None:
    """The bundled sample: researcher0, four collaborators and their 89 works."""
    settings = get_settings()
    with make_driver(settings) as driver:
        check_connectivity(driver, settings)
        apply_schema(driver, settings.neo4j_database)
        changed = load_sample(driver, settings.neo4j_database)
    console.print("Sample loaded: " + ", ".join(f"{n} {k} changed" for k, n in changed.items()))
