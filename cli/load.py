"""`peergraph load …` (push sources into the graph) and `peergraph generate …` (test data)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from neo4j import Driver
from rich.console import Console

from core.db import apply_schema, check_connectivity, make_driver
from core.settings import get_settings
from loaders.arxiv import load_arxiv
from loaders.openalex import load_openalex
from loaders.pipeline import LoadOptions, LoadSummary
from loaders.retractions import load_retractions
from loaders.s2ag import load_s2ag, load_s2ag_diff
from loaders.sample import load_sample_run
from loaders.synthetic import write_synthetic

load_app = typer.Typer(help="Load sources into the graph (idempotent, resumable).",
                       no_args_is_help=True)
generate_app = typer.Typer(help="Generate test data.", no_args_is_help=True)
console = Console(stderr=True)

BATCH_HELP = "Records per transaction (default: PEERGRAPH_LOAD_BATCH_SIZE)."
REJECTS_HELP = "Reject file (JSON Lines); default under PEERGRAPH_LOAD_STATE_DIR/rejects."
RESTART_HELP = "Ignore checkpoints of an interrupted load and start from the top."
RESCORE_HELP = "After a completed load, rescore the authors it changed (incremental)."
# The options every file load takes, declared once.
BatchOpt = Annotated[int | None, typer.Option(min=1, help=BATCH_HELP)]
RejectsOpt = Annotated[Path | None, typer.Option(help=REJECTS_HELP)]
RestartOpt = Annotated[bool, typer.Option(help=RESTART_HELP)]
RescoreOpt = Annotated[bool, typer.Option(help=RESCORE_HELP)]


def load_options(batch_size: int | None, rejects: Path | None, restart: bool) -> LoadOptions:
    """Load options from the command line over the settings."""
    settings = get_settings()
    return LoadOptions(state_dir=settings.load_state_dir,
                       batch_size=batch_size or settings.load_batch_size,
                       writers=settings.load_writers, reject_file=rejects, restart=restart)


def _run(load: Callable[[Driver, str], LoadSummary], rescore: bool = False) -> None:
    """Connect, apply the schema, load, print the summary; exit 1 if nothing loaded or failed."""
    settings = get_settings()
    with make_driver(settings) as driver:
        check_connectivity(driver, settings)
        apply_schema(driver, settings.neo4j_database)
        summary = load(driver, settings.neo4j_database)
        _print_summary(summary)
        if rescore and not summary.failed:
            from scoring.run import rescore as run_rescore  # scoring is only needed here
            from scoring.schedule import options_from

            # The same lease, batch size and history settings as `peergraph rescore`.
            scored = run_rescore(driver, settings.neo4j_database, options_from(settings))
            console.print(f"Rescored {scored.authors_scored:,} authors ({scored.mode}).")
    if summary.failed:
        raise typer.Exit(1)


def _print_summary(summary: LoadSummary) -> None:
    """Loaded, rejected (and where), skipped, rate, changes, and what to do next."""
    where = f" (see {summary.reject_file})" if summary.reject_file else ""
    rate = summary.loaded / summary.seconds if summary.seconds else 0.0
    console.print(f"{summary.source} load {summary.status}: {summary.loaded:,} records loaded, "
                  f"{summary.rejected:,} rejected{where}, {summary.skipped:,} skipped, "
                  f"{summary.seconds:.1f}s ({rate:,.0f} records/s); run {summary.run_id}")
    if summary.changed:
        console.print("changed: " + ", ".join(f"{k} {n:,}" for k, n in summary.changed.items()))
    if summary.error:
        console.print(f"[bold red]error:[/] {summary.error}")
    if summary.status == "interrupted":
        console.print("Interrupted: run the same command again to resume where it stopped.")


@load_app.command("sample")
def load_sample_command() -> None:
    """The bundled sample: researcher0, four collaborators and their 89 works."""
    options = load_options(None, None, False)
    _run(lambda driver, database: load_sample_run(driver, database, options=options))


@load_app.command("openalex")
def load_openalex_command(
    path: Path = typer.Argument(..., help="The snapshot's data/ folder, data/jsonl/, the "
                                          "legacy data/<entity>/ tree, one entity folder, a "
                                          "JSON-Lines file (.gz or not) or an API page."),
    batch_size: BatchOpt = None, rejects: RejectsOpt = None, restart: RestartOpt = False,
    rescore: RescoreOpt = False,
    allow_missing: bool = typer.Option(False, "--allow-missing", help="Load what is there "
                                       "when part files the manifest lists are missing."),
) -> None:
    """OpenAlex: works, authors, institutions, topics/concepts, sources, merged_ids."""
    options = load_options(batch_size, rejects, restart)
    _run(lambda driver, database: load_openalex(driver, database, path, options,
                                                allow_missing), rescore)


@load_app.command("arxiv")
def load_arxiv_command(
    path: Path = typer.Argument(..., help="arXiv metadata JSON-Lines file (.gz or not)."),
    batch_size: BatchOpt = None, rejects: RejectsOpt = None, restart: RestartOpt = False,
    rescore: RescoreOpt = False,
) -> None:
    """arXiv metadata: works by arXiv id, name-only authors, categories as topics."""
    options = load_options(batch_size, rejects, restart)
    _run(lambda driver, database: load_arxiv(driver, database, path, options), rescore)


@load_app.command("retractions")
def load_retractions_command(
    path: Path = typer.Argument(..., help="The Retraction Watch database CSV as Crossref "
                                          "publishes it (retraction_watch.csv; UTF-8 or "
                                          "Latin-1, .gz or not)."),
    batch_size: BatchOpt = None, rejects: RejectsOpt = None, restart: RestartOpt = False,
    rescore: RescoreOpt = False,
) -> None:
    """Retraction Watch: marks the works its notices name (by DOI or PubMed id) as retracted,
    or with an expression of concern or a correction."""
    options = load_options(batch_size, rejects, restart)
    _run(lambda driver, database: load_retractions(driver, database, path, options), rescore)


S2AG_HELP = """Semantic Scholar Academic Graph datasets: papers, authors, citations, abstracts,
publication-venues (any subset; JSON Lines, .gz or not; any number of part files each).

\b
PATH: a release folder, one folder per dataset as S2 names them:
  PATH/papers/…  PATH/authors/…  PATH/citations/…
  PATH/abstracts/…  PATH/publication-venues/…
or one dataset folder, or one file inside one.

\b
--diff DIR: a release diff (S2's update_files and delete_files per dataset):
  DIR/updates/<dataset>/…  upserted by primary key
  DIR/deletes/<dataset>/…  removed by primary key, with their edges
updates first."""


@load_app.command("s2ag", help=S2AG_HELP)
def load_s2ag_command(
    path: Path | None = typer.Argument(None, help="A release folder, a dataset folder or a "
                                                  "part file."),
    diff: Path | None = typer.Option(None, "--diff", help="A diff folder: updates/<dataset>/… "
                                     "and deletes/<dataset>/…"),
    batch_size: BatchOpt = None, rejects: RejectsOpt = None, restart: RestartOpt = False,
    rescore: RescoreOpt = False,
) -> None:
    if (path is None) == (diff is None):
        raise typer.BadParameter("give PATH (a release) or --diff DIR (a release diff), "
                                 "not both")
    options = load_options(batch_size, rejects, restart)
    if diff is not None:
        folder = diff
        _run(lambda driver, database: load_s2ag_diff(driver, database, folder, options),
             rescore)
    elif path is not None:
        release = path
        _run(lambda driver, database: load_s2ag(driver, database, release, options), rescore)


@generate_app.command("synthetic")
def generate_synthetic_command(
    out: Path = typer.Argument(..., help="Output JSON-Lines file (.gz to compress)."),
    works: int = typer.Option(..., min=1, help="How many works."),
    seed: int = typer.Option(42, help="Random seed: the same seed gives the same file."),
) -> None:
    """OpenAlex-shaped synthetic works with power-law skew (load with `load openalex`)."""
    write_synthetic(out, works, seed)
    console.print(f"Wrote {works:,} synthetic works to {out}.")
