"""`peergraph import openalex`: the initial load of a big snapshot into a fresh store through
Neo4j's own offline importer, writing the same graph as `peergraph load openalex`.

Phases: transform (loaders/bulk_transform.py: part files → CSV on every core), the importer
(core/offline_import.py: nodes, relationships, linking, in its own JVM into a staging home),
the move into the target home, then with Neo4j started there: the schema's indexes
(core/db.apply_schema), merged_ids through the online loader's own statements (they move
edges between existing nodes: what the importer cannot do), and the (:LoadRun) record."""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from core.db import apply_schema, make_driver
from core.errors import InvalidParameter
from core.graph import Graph
from core.localdb import LocalNeo4j
from core.memory import peak_rss
from core.offline_import import (
    ImportReport,
    OfflineImporter,
    check_target,
    has_data,
    move_into_place,
    prepare_target,
)
from core.settings import Settings
from loaders import bulk_transform as bt
from loaders.bulk_csv import ARRAY_DELIMITER_OPTION, CsvFile, combine
from loaders.graph_rows import GraphRows, write_rows
from loaders.openalex import SOURCE, discover, transform
from loaders.pipeline import RECORD_ERRORS, LoadInput
from loaders.progress import PhaseClock, PhaseProgress
from loaders.rejects import RejectFile
from loaders.sync import mark_imported
from loaders.writer import settle_aliases

BUCKETS_PER_WORKER = 8  # reduce tasks at the least: enough to keep every core busy
# …and at the most this much input per bucket, so a reduce task holds ~1 GiB of rows at most
# (a gzipped part file counts 5 times its size: about what it unpacks to)
BUCKET_INPUT_BYTES = 64 * 2**20
MERGE_BATCH = 1000


@dataclass
class ImportOptions:
    """How to run an import; the defaults suit this machine (every core)."""

    state_dir: Path
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    replace: bool = False
    allow_missing: bool = False
    reject_file: Path | None = None
    progress: bool | None = None
    keep_running: bool = True  # leave the target's Neo4j running after the import


@dataclass
class ImportSummary:
    """What an import did: records, rejects, the graph's counts, each phase's time."""

    run_id: str
    home: Path
    files: list[str]
    status: str = "running"
    loaded: int = 0
    rejected: int = 0
    skipped: int = 0
    reject_file: Path | None = None
    counts: dict[str, int] = field(default_factory=dict)
    merges: int = 0
    report: ImportReport = field(default_factory=ImportReport)
    phases: dict[str, float] = field(default_factory=dict)
    intermediate_bytes: int = 0
    store_bytes: int = 0
    python_peak_rss_bytes: int = 0  # the biggest of this process and the pool's
    transform_cpu_s: float = 0.0  # CPU seconds of this process and the pool in the transform
    uri: str = ""


def import_openalex(path: Path, local: LocalNeo4j, settings: Settings,
                    options: ImportOptions) -> ImportSummary:
    """Import the snapshot at `path` into `local`'s home (empty, or emptied with replace)."""
    inputs = discover(path, options.allow_missing)
    parts = [i for i in inputs if i.transform is transform]
    if not parts:
        raise InvalidParameter(f"no OpenAlex part files under {path}: nothing to import")
    check_target(local.home, options.replace, local.pid() is not None)  # fail before hours
    bt.native()  # built, or say how
    run_id = f"{SOURCE}-import-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    summary = ImportSummary(run_id, local.home, [str(i.path) for i in inputs])
    work = local.home.parent / f".{local.home.name}.import-{run_id}"
    started = datetime.now(UTC)
    try:
        with PhaseProgress(options.progress) as progress:
            files = _transform(parts, work, options, summary, progress)
            _import(files, work, local, settings, options, summary, progress)
            _finish_online(path, inputs[len(parts):], local, settings, options, summary,
                           progress, started)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return summary


def _transform(parts: list[LoadInput], work: Path, options: ImportOptions,
               summary: ImportSummary, progress: PhaseProgress) -> list[CsvFile]:
    """Map every part file, gather the rejects in input order, reduce every bucket."""
    began, cpu_before = time.perf_counter(), _cpu_seconds()
    spool, out = work / "spool", work / "csv"
    spool.mkdir(parents=True)
    out.mkdir()
    buckets = bucket_count([p.path for p in parts], options.workers)
    tasks = [bt.MapTask(n, p.path, p.reader, spool, buckets) for n, p in enumerate(parts)]
    mapped: list[bt.MapResult] = []

    def mapped_one(result: bt.MapResult) -> None:
        mapped.append(result)
        summary.python_peak_rss_bytes = max(summary.python_peak_rss_bytes, result.peak_rss_bytes)
        summary.loaded, summary.skipped = (summary.loaded + result.records,
                                           summary.skipped + result.skipped)
        progress.update("transform", len(mapped), len(tasks) + buckets,
                        f"{summary.loaded:,} records")

    files: list[CsvFile] = []
    now = datetime.now(UTC)
    reduce_tasks = [bt.ReduceTask(b, spool, out, now) for b in range(buckets)]

    def reduced_one(result: bt.ReduceResult) -> None:
        files.extend(result.files)
        summary.python_peak_rss_bytes = max(summary.python_peak_rss_bytes, result.peak_rss_bytes)
        for name, count in result.counts.items():
            summary.counts[name] = summary.counts.get(name, 0) + count
        progress.update("transform", len(tasks) + len(files), len(tasks) + buckets,
                        f"{summary.loaded:,} records")

    with bt.worker_pool(options.workers) as pool:
        bt.run_pool(pool, bt.map_part, tasks, mapped_one)
        summary.intermediate_bytes = _size(work)  # every spill file (the reduce frees them)
        _gather_rejects(sorted(mapped, key=lambda r: r.index), options, summary)
        bt.run_pool(pool, bt.reduce_bucket, reduce_tasks, reduced_one)
    summary.intermediate_bytes = max(summary.intermediate_bytes, _size(work))
    summary.python_peak_rss_bytes = max(summary.python_peak_rss_bytes, peak_rss())
    shutil.rmtree(spool)
    files = combine(files, out)
    summary.phases["transform"] = time.perf_counter() - began
    summary.transform_cpu_s = _cpu_seconds() - cpu_before
    return sorted(files, key=lambda f: (f.group, f.data.name))


def _cpu_seconds() -> float:
    """CPU time of this process and of its reaped children (the pool's workers, once the
    pool is closed): on a shared machine a steadier measure of the work than the clock."""
    used = os.times()
    return used.user + used.system + used.children_user + used.children_system


def bucket_count(paths: list[Path], workers: int) -> int:
    """How many reduce tasks: one per BUCKET_INPUT_BYTES of input, BUCKETS_PER_WORKER per
    worker at the least."""
    size = sum(p.stat().st_size * (5 if p.suffix == ".gz" else 1) for p in paths)
    return max(max(1, workers) * BUCKETS_PER_WORKER, -(-size // BUCKET_INPUT_BYTES))


def _gather_rejects(mapped: list[bt.MapResult], options: ImportOptions,
                    summary: ImportSummary) -> None:
    """One reject file, as the online loader writes it, from the part files' own."""
    target = options.reject_file or options.state_dir / "rejects" / f"{summary.run_id}.jsonl"
    for result in mapped:
        if result.rejects is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("ab") as out, result.rejects.open("rb") as part:
                shutil.copyfileobj(part, out)
            summary.rejected += result.rejected
    summary.reject_file = target if summary.rejected else None


def _import(files: list[CsvFile], work: Path, local: LocalNeo4j, settings: Settings,
            options: ImportOptions, summary: ImportSummary, progress: PhaseProgress) -> None:
    """Run the importer into a staging home, keep its report, move the store into place."""
    staging = work / "staging"
    importer = OfflineImporter(settings.launcher_jar, settings.import_heap,
                               settings.import_off_heap, max(2, options.workers))
    report = options.state_dir / "imports" / f"{summary.run_id}.report"  # and its .log
    report.parent.mkdir(parents=True, exist_ok=True)
    clock = PhaseClock(summary.phases)

    def on_stage(phase: str, step: str) -> None:
        clock.enter(phase)
        progress.update(phase, 0, None, step)

    clock.enter("importer start")  # its JVM until the first step: named, not hidden
    summary.report = importer.run(staging, settings.neo4j_database, _arguments(files),
                                  report, report.with_suffix(".log"), on_stage)
    clock.enter("move into place")
    if summary.report.bad_entries == 0:
        report.unlink(missing_ok=True)
    summary.intermediate_bytes = max(summary.intermediate_bytes, _size(work))
    prepare_target(local.home, options.replace, local.pid() is not None)
    move_into_place(staging, local.home, settings.neo4j_database)
    clock.close()
    summary.store_bytes = _size(local.home / "data")


def _arguments(files: list[CsvFile]) -> list[str]:
    """The importer's options: one input group per CSV file (each has its own header)."""
    groups = [f"--{'relationships' if f.group.isupper() else 'nodes'}={f.group}="
              f"{f.header},{f.data}" for f in files]
    multiline = any(f.multiline for f in files)
    return [*groups, "--id-type=string", f"--array-delimiter={ARRAY_DELIMITER_OPTION}",
            "--skip-bad-relationships=true", f"--multiline-fields={str(multiline).lower()}"]


def _finish_online(path: Path, merged: list[LoadInput], local: LocalNeo4j, settings: Settings,
                   options: ImportOptions, summary: ImportSummary, progress: PhaseProgress,
                   started: datetime) -> None:
    """Start Neo4j on the new store: schema and indexes, merged_ids, the sync watermarks
    (loaders/sync.py), the LoadRun."""
    began = time.perf_counter()
    progress.update("start Neo4j", 0, None, str(local.home))
    local.start()
    summary.phases["start Neo4j"] = time.perf_counter() - began
    began = time.perf_counter()
    online = settings.model_copy(update={"neo4j_uri": local.uri,
                                         "neo4j_password": SecretStr(local.password)})
    try:
        with make_driver(online) as driver:
            progress.update("indexes", 0, 100, "constraints, indexes, full-text")
            apply_schema(driver, settings.neo4j_database, lambda percent: progress.update(
                "indexes", percent, 100, "constraints, indexes, full-text"))
            summary.phases["indexes"] = time.perf_counter() - began
            graph = Graph(driver, settings.neo4j_database, map_errors=False)
            began = time.perf_counter()
            progress.update("merged_ids", 0, None, f"{len(merged)} file(s)")
            _apply_merges(graph, merged, options, summary)
            summary.phases["merged_ids"] = time.perf_counter() - began
            mark_imported(graph, path, summary.run_id)
            summary.status = "completed"
            _record_run(graph, summary, started)
    finally:
        summary.uri = local.uri
        if not options.keep_running:
            local.stop()


def _apply_merges(graph: Graph, merged: list[LoadInput], options: ImportOptions,
                  summary: ImportSummary) -> None:
    """merged_ids rows in batches through cypher/load/apply_*_merges, as the online load."""
    target = options.reject_file or options.state_dir / "rejects" / f"{summary.run_id}.jsonl"
    rejects = RejectFile(target)
    for load_input in merged:
        rows, records = GraphRows(), 0
        for item in load_input.reader(load_input.path, 0):
            try:
                more = load_input.transform(item.record) if item.record is not None else None
            except RECORD_ERRORS as exc:
                rejects.add(load_input.path, item.line, str(exc) or type(exc).__name__,
                            item.raw)
                continue
            if more is not None:
                rows.extend(more)
                records += 1
            if records >= MERGE_BATCH:
                write_rows(graph, rows)
                summary.loaded, summary.merges = summary.loaded + records, summary.merges + records
                rows, records = GraphRows(), 0
        write_rows(graph, rows)
        summary.loaded, summary.merges = summary.loaded + records, summary.merges + records
    settle_aliases(graph)
    rejects.close()
    summary.rejected += rejects.count
    summary.reject_file = target if summary.rejected else None


def _record_run(graph: Graph, summary: ImportSummary, started: datetime) -> None:
    """The (:LoadRun) of this import, with the online loader's properties and its own."""
    props: dict[str, Any] = {
        "source": SOURCE, "mode": "import", "files": summary.files[:1000], "started": started,
        "finished": datetime.now(UTC), "status": summary.status, "loaded": summary.loaded,
        "rejected": summary.rejected, "skipped": summary.skipped,
        "reject_file": str(summary.reject_file) if summary.reject_file else None,
        "bad_entries": summary.report.bad_entries}
    graph.write("load/merge_load_run", id=summary.run_id,
                props={k: v for k, v in props.items() if v is not None})


def _size(folder: Path) -> int:
    """Bytes of every file under `folder`."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def target_local(settings: Settings, home: Path | None) -> LocalNeo4j:
    """The Neo4j to import into: the settings' local one, or the same in another home."""
    local = LocalNeo4j.from_settings(settings)
    return dataclasses.replace(local, home=home.resolve()) if home else local


__all__ = ["ImportOptions", "ImportSummary", "has_data", "import_openalex", "target_local"]
