"""`peergraph rescore`: recompute topics, collaborators, trust and verification."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from core.db import apply_schema, check_connectivity, make_driver
from core.settings import get_settings
from scoring.run import RunSummary, rescore
from scoring.schedule import options_from, run_forever

console = Console(stderr=True)


class TerminalReporter:
    """Shows the run's phases and the staging progress on the terminal."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = progress.add_task("starting", total=None)

    def phase(self, name: str, total: int | None = None) -> None:
        """A new phase: its name, and a bar when its size is known."""
        self.progress.update(self.task, description=name, total=total, completed=0)

    def advance(self, n: int = 1) -> None:
        """n more items of the current phase are done."""
        self.progress.advance(self.task, n)


def rescore_command(
    full: bool = typer.Option(False, "--full", help="Recompute everything, not only what "
                                                    "changed since the last run."),
    schedule: bool = typer.Option(False, "--schedule", help="Keep running, rescoring on "
                                                            "PEERGRAPH_RESCORE_CRON."),
    wait: float = typer.Option(0.0, "--wait", min=0, help="Seconds to wait for a running "
                                                          "rescoring to finish first."),
) -> None:
    """Rescore authors: incremental by default, --full for everything, --schedule to repeat."""
    settings = get_settings()
    with make_driver(settings) as driver:
        check_connectivity(driver, settings)
        apply_schema(driver, settings.neo4j_database)
        if schedule:
            run_forever(driver, settings)
            return
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            summary = rescore(driver, settings.neo4j_database,
                              options_from(settings, full=full, wait_s=wait),
                              TerminalReporter(progress))
    print_summary(summary)


def print_summary(summary: RunSummary) -> None:
    """One line for the run, one for what changed, and any recovery notes."""
    for note in summary.notes:
        console.print(f"note: {note}")
    console.print(f"Rescoring {summary.run_id} ({summary.mode}) {summary.status}: "
                  f"{summary.authors_scored:,} authors scored in {summary.seconds:.1f}s.")
    if summary.stats:
        console.print("changed: " + ", ".join(f"{k} {v:,}" for k, v in summary.stats.items()))


def rescore_after_load(full: bool = False, wait_s: float = 600.0) -> None:
    """For `peergraph load … --rescore`: an incremental rescoring once the load is done."""
    rescore_command(full=full, schedule=False, wait=wait_s)
