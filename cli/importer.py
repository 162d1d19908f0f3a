"""`peergraph import openalex SNAPSHOT`: a big snapshot into a fresh store, through Neo4j's
own offline importer (loaders/bulk_import.py)."""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console

from cli.load import RejectsOpt
from core.settings import get_settings
from loaders.bulk_import import ImportOptions, ImportSummary, import_openalex, target_local

import_app = typer.Typer(help="Initial loads of big snapshots through Neo4j's offline "
                              "importer (a fresh store).", no_args_is_help=True)
console = Console(stderr=True)


@import_app.command("openalex")
def import_openalex_command(
    path: Path = typer.Argument(..., help="The snapshot's data/ folder, data/jsonl/, "
                                          "data/parquet/, the legacy data/<entity>/ tree or "
                                          "one entity folder."),
    home: Path | None = typer.Option(None, "--home", help="The Neo4j home to make (default: "
                                     "PEERGRAPH_LOCAL_DB_HOME)."),
    replace: bool = typer.Option(False, "--replace", help="Delete the database the home "
                                 "holds already."),
    allow_missing: bool = typer.Option(False, "--allow-missing", help="Import what is there "
                                       "when part files the manifest lists are missing."),
    rejects: RejectsOpt = None,
    workers: int | None = typer.Option(None, min=1, help="Transform processes (default: "
                                       "one per core; 1 runs it in this process)."),
) -> None:
    """Transform on every core, import offline, start Neo4j there, apply the schema."""
    settings = get_settings()
    local = target_local(settings, home)
    options = ImportOptions(state_dir=settings.load_state_dir, replace=replace,
                            allow_missing=allow_missing, reject_file=rejects,
                            workers=workers or os.cpu_count() or 1,
                            keep_running=local.home == settings.local_db_home.resolve())
    summary = import_openalex(path, local, settings, options)
    _print_summary(summary, options.keep_running)


def _print_summary(summary: ImportSummary, running: bool) -> None:
    """Records, rejects (and where), the graph's counts, the importer's report, the phases."""
    where = f" (see {summary.reject_file})" if summary.reject_file else ""
    console.print(f"openalex import {summary.status}: {summary.loaded:,} records, "
                  f"{summary.rejected:,} rejected{where}, {summary.skipped:,} skipped; "
                  f"run {summary.run_id}")
    console.print("imported: " + ", ".join(f"{k} {n:,}" for k, n in sorted(summary.counts.items()))
                  + f"; merged_ids {summary.merges:,}")
    report = summary.report
    if report.bad_entries:
        console.print(f"[yellow]the importer skipped {report.bad_entries:,} bad entries[/] "
                      f"(see {report.report_file}); the first:")
        for line in report.first_bad:
            console.print(f"  {line}")
    console.print("phases: " + ", ".join(f"{k} {s:.1f}s" for k, s in summary.phases.items()))
    state = f"running at {summary.uri}" if running else "stopped"
    console.print(f"Neo4j store in {summary.home} ({summary.store_bytes / 2**20:,.0f} MiB), "
                  f"{state}.")
