"""The `peergraph` command: the local Neo4j, the schema, the API server, the main job."""

from __future__ import annotations

import logging
import secrets
import sys
import time
from pathlib import Path

import typer
from rich.console import Console

from cli.analyst import cypher_command, query_command, schema_command
from cli.importer import import_app
from cli.load import generate_app, load_app, load_sample_command
from cli.output import error_console, plural, print_error
from cli.scoring import rescore_after_load, rescore_command
from cli.sync import sync_app
from cli.users import accounts_app, users_app
from core.db import apply_schema, check_connectivity, count_graph, make_driver
from core.errors import PeergraphError
from core.localdb import LocalDbError, LocalNeo4j
from core.settings import PROJECT_ROOT, get_settings

app = typer.Typer(help="Peergraph: a research-trust knowledge graph over Neo4j.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
db_app = typer.Typer(help="The project's own Neo4j (no Docker needed).", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(load_app, name="load")
app.add_typer(sync_app, name="sync")
app.add_typer(import_app, name="import")
app.command("cypher")(cypher_command)  # analyst access
app.command("query", context_settings={"help_option_names": []})(query_command)  # own --help
app.command("schema")(schema_command)
app.add_typer(generate_app, name="generate")
app.command("rescore")(rescore_command)  # scoring
app.add_typer(users_app, name="users")  # identity
app.add_typer(accounts_app, name="accounts")
console = error_console()
out = Console(soft_wrap=True, highlight=False)  # what a command says: stdout, never wrapped


@app.command("setup-env")
def setup_env(env_file: Path = PROJECT_ROOT / ".env") -> None:
    """Write a random Neo4j password and server key to .env unless already set."""
    text = env_file.read_text() if env_file.exists() else ""
    if "PEERGRAPH_SECRET_KEY=" not in text and get_settings().secret_key is None:
        text += f"PEERGRAPH_SECRET_KEY={secrets.token_urlsafe(48)}\n"  # keyed hashes
        env_file.write_text(text)
        env_file.chmod(0o600)
        console.print(f"Wrote a random server key to {env_file} (never logged, kept out of "
                      "git).")
    if "PEERGRAPH_NEO4J_PASSWORD=" in text or get_settings().neo4j_password is not None:
        console.print("Neo4j password already configured.")
        return
    env_file.write_text(text + f"PEERGRAPH_NEO4J_PASSWORD={secrets.token_urlsafe(24)}\n")
    env_file.chmod(0o600)
    get_settings.cache_clear()
    console.print(f"Wrote a random Neo4j password to {env_file} (kept out of git).")


@db_app.command("start")
def db_start() -> None:
    """Start the local Neo4j; returns once Bolt answers."""
    local = LocalNeo4j.from_settings(get_settings())
    began = time.perf_counter()
    already = local.pid()
    pid = local.start()
    verb = "already running" if already else f"started in {time.perf_counter() - began:.1f}s"
    out.print(f"Neo4j {verb}: {local.uri} (pid {pid}, data in {local.home})")


@db_app.command("stop")
def db_stop() -> None:
    """Stop the local Neo4j cleanly; its data stays for the next start."""
    local = LocalNeo4j.from_settings(get_settings())
    out.print("Neo4j stopped." if local.stop() else "Neo4j was not running.")


@db_app.command("status")
def db_status() -> None:
    """Say whether the local Neo4j runs, and how big the graph is."""
    settings = get_settings()
    local = LocalNeo4j.from_settings(settings)
    pid = local.pid()
    if pid is None:
        out.print(f"Neo4j is not running (data in {local.home}).")
        raise typer.Exit(3)
    with make_driver(settings) as driver:
        check_connectivity(driver, settings)
        nodes, rels = count_graph(driver, settings.neo4j_database)
    out.print(f"Neo4j running: {local.uri} (pid {pid}); {plural(nodes, 'node')}, "
              f"{plural(rels, 'relationship')}")


@app.command("init-schema")
def init_schema() -> None:
    """Create every constraint and index (idempotent)."""
    settings = get_settings()
    with make_driver(settings) as driver:
        check_connectivity(driver, settings)
        version = apply_schema(driver, settings.neo4j_database)
    out.print(f"Schema version {version} applied to {settings.neo4j_uri}.")


class _NoSecretsInAccessLog(logging.Filter):
    """The access log shows the ORCID callback without its query (an OAuth code and state)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and "/orcid/callback?" in str(args[2]):
            record.args = (*args[:2], str(args[2]).split("?", 1)[0] + "?…", *args[3:])
        return True


@app.command("serve")
def serve(host: str | None = None, port: int | None = None) -> None:
    """Serve the API (OpenAPI at /docs)."""
    import uvicorn

    from service.app import create_app

    settings = get_settings()
    settings.secret_key_bytes()  # no server key: one clear line now, not a trace at start-up
    with make_driver(settings) as driver:
        check_connectivity(driver, settings)
    logging.getLogger("uvicorn.access").addFilter(_NoSecretsInAccessLog())
    uvicorn.run(create_app(settings), host=host or settings.api_host,
                port=port or settings.api_port, log_level="info")


@app.command("run")
def run() -> None:
    """The main job: start the local Neo4j, load the sample, score it, serve the API."""
    db_start()
    init_schema()
    load_sample_command()
    rescore_after_load()
    serve()


def main() -> None:
    """Entry point: known failures print one clear line, not a stack trace."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except (LocalDbError, PeergraphError) as exc:
        print_error(console, exc)
        sys.exit(1)
