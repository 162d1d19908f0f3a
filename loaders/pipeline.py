"""The one streaming load loop: read → transform → batch → write, with rejects, checkpoints,
progress and a (:LoadRun) record. Every source module plugs its pure transform in here."""

from __future__ import annotations

import gc
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError

from core.graph import Graph
from core.settings import default
from loaders.author_matching import settle_authors
from loaders.checkpoints import Checkpoints
from loaders.graph_rows import GraphRows
from loaders.progress import LoadProgress
from loaders.reading import Item, read_json_items
from loaders.rejects import RejectFile
from loaders.writer import BatchWriter, LoadInterrupted, PendingBatch, settle_aliases

Transform = Callable[[dict[str, Any]], GraphRows | None]
Reader = Callable[[Path, int], Iterator[Item]]
# What a transform raises for a record it cannot use; anything else is a bug and stops the load.
RECORD_ERRORS = (ValueError, TypeError, KeyError, AttributeError)
GC_THRESHOLD = 50_000


@dataclass(frozen=True)
class LoadInput:
    """One input file, the pure transform for its records, and how to read it."""

    path: Path
    transform: Transform
    reader: Reader = read_json_items


@dataclass
class LoadOptions:
    """How to run a load; the defaults are the settings' defaults."""

    state_dir: Path = field(default_factory=lambda: default("load_state_dir"))
    batch_size: int = default("load_batch_size")
    writers: int = default("load_writers")
    reject_file: Path | None = None
    restart: bool = False
    progress: bool | None = None
    stop_after_batches: int | None = None  # simulates a kill after N commits (tests, benches)


@dataclass
class LoadSummary:
    """What a load did: counts, where the rejects went, how it ended."""

    run_id: str
    source: str
    files: list[str]
    status: str = "running"
    loaded: int = 0
    rejected: int = 0
    skipped: int = 0
    changed: dict[str, int] = field(default_factory=dict)
    reject_file: Path | None = None
    error: str | None = None
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        """True when the exit status should be non-zero: nothing loaded, or the load broke."""
        return self.status != "completed" or self.loaded == 0


def run_load(driver: Driver, database: str, source: str, inputs: list[LoadInput],
             options: LoadOptions | None = None) -> LoadSummary:
    """Load every input in order; never stops on a bad record; returns the summary."""
    options = options or LoadOptions()
    run_id = f"{source}-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    summary = LoadSummary(run_id, source, [str(i.path) for i in inputs])
    rejects = RejectFile(options.reject_file
                         or options.state_dir / "rejects" / f"{run_id}.jsonl")
    checkpoints = Checkpoints(options.state_dir, source, run_id)
    started = datetime.now(UTC)
    thresholds = gc.get_threshold()
    # Parsing makes millions of short-lived dicts; default GC thresholds rescan them often.
    gc.set_threshold(GC_THRESHOLD, *thresholds[1:])
    # Neo4j's own errors: a failing load is recorded as failed (below), not raised.
    graph = Graph(driver, database, map_errors=False)
    try:
        _record_run(graph, summary, started, batch_size=options.batch_size)
        _supersede(graph, run_id, checkpoints.unfinished_runs([i.path for i in inputs]))
        writer = BatchWriter(graph, checkpoints, options.stop_after_batches, options.writers)
        with LoadProgress(f"load {source}", options.progress) as progress:
            _load_inputs(inputs, options, checkpoints, writer, rejects, summary, progress)
        settle_aliases(graph)
        settle_authors(graph, started)
        summary.status = "completed"
        checkpoints.clear([i.path for i in inputs])
    except LoadInterrupted:
        summary.status = "interrupted"
    except KeyboardInterrupt:
        summary.status = "interrupted"
    except (Neo4jError, DriverError, OSError) as exc:
        summary.status, summary.error = "failed", f"{type(exc).__name__}: {exc}"
    finally:
        gc.set_threshold(*thresholds)
        rejects.close()
        summary.rejected, summary.reject_file = rejects.count, rejects.written_path
        summary.seconds = (datetime.now(UTC) - started).total_seconds()
    _finish_run(graph, summary, started)
    return summary


def _load_inputs(inputs: list[LoadInput], options: LoadOptions, checkpoints: Checkpoints,
                 writer: BatchWriter, rejects: RejectFile, summary: LoadSummary,
                 progress: LoadProgress) -> None:
    """Feed every input's records to the writer in batches; checkpoints follow input order."""
    read = 0
    try:
        for load_input in inputs:
            after = 0 if options.restart else checkpoints.line(load_input.path)
            batch, line = PendingBatch(load_input.path), after
            for item in load_input.reader(load_input.path, after):
                if batch.records >= options.batch_size and item.line != line:
                    writer.submit(batch.closed_at(line))
                    batch = PendingBatch(load_input.path)
                line, read = item.line, read + 1
                _take(item, load_input, batch, rejects, summary)
                if read % 1000 == 0:
                    progress.update(writer.loaded + batch.records, rejects.count)
            writer.submit(batch.closed_at(line))
        writer.close()
    finally:
        writer.stop()
        summary.loaded, summary.changed = writer.loaded, dict(writer.changed)
        progress.update(writer.loaded, rejects.count)


def _take(item: Item, load_input: LoadInput, batch: PendingBatch, rejects: RejectFile,
          summary: LoadSummary) -> None:
    """Transform one item into the batch, or set it aside as a reject, or count it skipped."""
    if item.record is None:
        rejects.add(load_input.path, item.line, item.error or "unreadable", item.raw)
        return
    try:
        rows = load_input.transform(item.record)
    except RECORD_ERRORS as exc:
        rejects.add(load_input.path, item.line, str(exc) or type(exc).__name__, item.raw)
        return
    if rows is None:
        summary.skipped += 1
        return
    batch.rows.extend(rows)
    batch.records += 1


def _record_run(graph: Graph, summary: LoadSummary, started: datetime, **extra: Any) -> None:
    """Create the run's (:LoadRun) node with status running."""
    props = {"source": summary.source, "files": summary.files[:1000], "started": started,
             "status": "running", "loaded": 0, "rejected": 0, "skipped": 0, **extra}
    graph.write("load/merge_load_run", id=summary.run_id, props=props)


def _supersede(graph: Graph, run_id: str, killed: list[str]) -> None:
    """Mark the runs this one takes over from (they left checkpoints: they did not finish)."""
    if killed:
        graph.write("load/mark_superseded_runs", ids=killed, run_id=run_id)


def _finish_run(graph: Graph, summary: LoadSummary, started: datetime) -> None:
    """Update the (:LoadRun) with the outcome; a database that is down cannot be told."""
    props: dict[str, Any] = {
        "finished": datetime.now(UTC), "status": summary.status, "loaded": summary.loaded,
        "rejected": summary.rejected, "skipped": summary.skipped,
        "reject_file": str(summary.reject_file) if summary.reject_file else None,
        "error": summary.error}
    try:
        graph.write("load/merge_load_run", id=summary.run_id,
                    props={k: v for k, v in props.items() if v is not None})
    except (Neo4jError, DriverError, OSError):
        if summary.status != "failed":
            summary.status, summary.error = "failed", "could not record the load run"
