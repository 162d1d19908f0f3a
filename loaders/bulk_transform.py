"""The bulk import's transform: part files → the importer's CSV, on every core.

Two passes over a process pool, a map and a reduce (a shuffle by id), so no process ever
holds the whole graph; the hot loops are native (native/, Rust):
1. map, one task per part file: a JSON-Lines part of works goes through the native transform
   (native/src/work.rs, the twin of loaders/openalex_works.py), which hands any record it
   cannot match exactly (bad JSON, wrong types, non-ASCII ids, another entity) back to the
   online loader's Python transform (loaders/openalex.py) here, record by record and in
   order, and calls loaders/text.clean_text for text holding markup or entities. Other
   entities and the Parquet layout go through the Python transform. Bad records go to the
   reject file's format; the rows are spilled by a stable hash of their node id or edge key
   (native/src/spill.rs);
2. reduce, one task per bucket: fold the bucket's rows in input order with the online
   loader's merge rules and write its CSV (native/src/fold.rs, native/src/csv.rs).

Processes, not threads: the fallback and the other entities run Python (the GIL would run
one thread at a time). Figures: docs/PERFORMANCE.md, "Bulk import"."""

from __future__ import annotations

import importlib
import multiprocessing
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing.pool import Pool
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson

from core.errors import PeergraphError
from core.memory import peak_rss
from loaders import bulk_csv
from loaders.graph_rows import KINDS, GraphRows
from loaders.openalex import transform
from loaders.pipeline import RECORD_ERRORS, Reader
from loaders.reading import Item, line_items, opens_whole_document, read_json_items
from loaders.rejects import RejectFile
from loaders.text import clean_text

SPILL_RECORDS = 20_000  # records a map task holds before it appends its rows to the buckets
MERGE_KINDS = ("author_merges", "work_merges", "institution_merges", "venue_merges")
# The node kinds whose rows hold arrays (lineage, issn): the others need no delimiter check.
ARRAY_KINDS = ("institutions", "institution_refs", "venues", "venue_refs")
# The kinds a map task spills (merged_ids are applied online after the import).
SPILLED_KINDS = tuple(kind for kind in KINDS if kind not in MERGE_KINDS)


@dataclass(frozen=True)
class MapTask:
    """One part file for the map pass."""

    index: int
    path: Path
    reader: Reader
    spool: Path
    buckets: int


@dataclass
class MapResult:
    """What one part file gave: records, rejects (in its own reject file), skipped."""

    index: int
    records: int = 0
    rejected: int = 0
    skipped: int = 0
    rejects: Path | None = None
    peak_rss_bytes: int = 0  # of the process that ran it, so far


@dataclass
class ReduceResult:
    """One bucket's CSV files and its node and edge counts by label and type."""

    files: list[bulk_csv.CsvFile] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    peak_rss_bytes: int = 0


def native() -> ModuleType:
    """The native transform's module; a PeergraphError saying how to build it if it is not
    (the rest of the CLI works without it)."""
    try:
        return importlib.import_module("peergraph_native")
    except ImportError as exc:
        raise PeergraphError("the bulk import's native transform is not built: run "
                             "`make install` (it needs Rust's cargo)") from exc


def map_part(task: MapTask) -> MapResult:
    """Transform one part file into bucketed spill files (runs in a pool process)."""
    result = MapResult(task.index)
    rejects = RejectFile(task.spool / f"rejects-{task.index:06d}.jsonl")
    spill = native().Spill(task.spool, task.index, task.buckets, SPILL_RECORDS)
    if task.reader is read_json_items and not opens_whole_document(task.path):

        def fallback(number: int, line: bytes) -> list[bytes]:
            """The rows of the records on one line the native transform handed back."""
            return _spilled(line_items(number, line), task.path, rejects, result)

        taken = spill.add_work_file(task.path, fallback, clean_text)  # fallback counts its own
        result.records += taken
    else:
        for rows in _spilled(task.reader(task.path, 0), task.path, rejects, result):
            spill.add_json(rows)
    spill.flush()
    rejects.close()
    result.rejected, result.rejects = rejects.count, rejects.written_path
    result.peak_rss_bytes = peak_rss()
    return result


def _spilled(items: Iterator[Item], path: Path, rejects: RejectFile,
             result: MapResult) -> list[bytes]:
    """Each record's rows as the spill takes them (JSON: {kind: [row…]}), rejects set aside."""
    spilled = []
    for item in items:
        rows = _transform(item, path, rejects, result)
        if rows is not None:
            spilled.append(orjson.dumps({kind: found for kind in SPILLED_KINDS
                                         if (found := getattr(rows, kind))}))
    return spilled


def _transform(item: Any, path: Path, rejects: RejectFile, result: MapResult) -> GraphRows | None:
    """One record's rows, as the online loader's _take makes them; None for a reject or a
    record the graph does not hold (counted)."""
    if item.record is None:
        rejects.add(path, item.line, item.error or "unreadable", item.raw)
        return None
    try:
        rows = transform(item.record)
        if rows is not None:
            for kind in ARRAY_KINDS:
                for row in getattr(rows, kind):
                    bulk_csv.check_arrays(row["props"])
    except RECORD_ERRORS as exc:
        rejects.add(path, item.line, str(exc) or type(exc).__name__, item.raw)
        return None
    if rows is None:
        result.skipped += 1
        return None
    result.records += 1
    return rows


@dataclass(frozen=True)
class ReduceTask:
    """One bucket for the reduce pass."""

    bucket: int
    spool: Path
    out: Path
    now: datetime


def reduce_bucket(task: ReduceTask) -> ReduceResult:
    """Fold one bucket's rows in input order and write its CSV (runs in a pool process)."""
    folder = task.spool / f"b{task.bucket:04d}"
    files, counts = native().reduce_bucket(folder, task.out, task.bucket, task.now.isoformat())
    shutil.rmtree(folder, ignore_errors=True)  # its CSV is written: free the disk as we go
    return ReduceResult([bulk_csv.CsvFile(group, Path(header), Path(data), rows, multiline)
                         for group, header, data, rows, multiline in files], counts, peak_rss())


@contextmanager
def worker_pool(workers: int) -> Iterator[Pool | None]:
    """`workers` processes for both passes (None: run in this process); spawned, not forked:
    the parent has threads (the progress display), which a fork would copy mid-flight."""
    if workers <= 1:
        yield None
        return
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        yield pool


def run_pool(pool: Pool | None, call: Callable[[Any], Any], tasks: list[Any],
             done: Callable[[Any], None]) -> None:
    """Run `call` over `tasks` on the pool (or here), handing each result to `done` as it
    comes."""
    results = pool.imap_unordered(call, tasks) if pool is not None else map(call, tasks)
    for result in results:
        done(result)
