"""`peergraph sync openalex SNAPSHOT`: new partitions since the last sync, then merged_ids."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from cli.load import BatchOpt, RescoreOpt, load_options
from core.db import apply_schema, check_connectivity, make_driver
from core.graph import Graph
from core.settings import get_settings
from loaders.sync import SyncPlan, SyncResult, plan, sync

sync_app = typer.Typer(help="Keep a loaded graph up to date from a newer snapshot.",
                       no_args_is_help=True)
console = Console()


@sync_app.command("openalex")
def sync_openalex_command(
    path: Path = typer.Argument(..., help="The snapshot's data/ folder, data/jsonl/ or "
                                          "data/parquet/, or the legacy data/<entity>/ tree."),
    dry_run: bool = typer.Option(False, "--dry-run", help="List what would load; load "
                                                          "nothing."),
    batch_size: BatchOpt = None, rescore: RescoreOpt = False,
) -> None:
    """Per entity, every updated_date= partition newer than its watermark, then merged_ids;
    a watermark moves only past partitions that loaded completely."""
    settings = get_settings()
    with make_driver(settings) as driver:
        check_connectivity(driver, settings)
        apply_schema(driver, settings.neo4j_database)
        if dry_run:
            _print_plan(plan(Graph(driver, settings.neo4j_database), path))
            return
        result = sync(driver, settings.neo4j_database, path, load_options(batch_size, None, False))
        _print_result(result)
        if rescore and any(s is not None and s.loaded for _, s in result.loads):
            from scoring.run import rescore as run_rescore  # scoring is only needed here
            from scoring.schedule import options_from

            scored = run_rescore(driver, settings.neo4j_database, options_from(settings))
            console.print(f"Rescored {scored.authors_scored:,} authors ({scored.mode}).")
    if result.failed:
        raise typer.Exit(1)


def _print_plan(found: SyncPlan) -> None:
    """Each partition that would load, with its files and the ones the disk lacks."""
    if not found.partitions:
        console.print("Up to date: no partition is newer than the watermarks "
                      f"({_marks(found.watermarks)}).")
    for p in found.partitions:
        note = f", {len(p.missing)} missing (it will not count as loaded)" if p.missing else ""
        console.print(f"would load {p.entity} updated_date={p.date}: {len(p.files)} file(s){note}")
    if found.merged_ids:
        console.print(f"then merged_ids: {len(found.merged_ids)} file(s)")


def _print_result(result: SyncResult) -> None:
    """Per partition what loaded and changed; the watermarks before and after."""
    for partition, summary in result.loads:
        if summary is None:
            console.print(f"{partition.entity} {partition.date}: every file is missing; "
                          "the next sync tries it again")
            continue
        changed = ", ".join(f"{k} {v:,}" for k, v in sorted(summary.changed.items()) if v)
        held = f"; {len(partition.missing)} file(s) missing, tried again next time" \
            if partition.missing else ""
        console.print(f"{partition.entity} {partition.date}: {summary.status}, "
                      f"{summary.loaded:,} records, {summary.rejected:,} rejected"
                      f"{f' ({changed})' if changed else ''}{held}")
    if result.merged is not None:
        console.print(f"merged_ids: {result.merged.status}, {result.merged.loaded:,} merges")
    console.print(f"Watermarks: {_marks(result.plan.watermarks)} -> {_marks(result.watermarks)}")


def _marks(marks: dict[str, str]) -> str:
    """`entity date` pairs, or 'none yet'."""
    return ", ".join(f"{k} {v}" for k, v in sorted(marks.items())) or "none yet"
