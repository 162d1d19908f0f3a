"""The bulk import's transform: part files → the importer's CSV, on every core.

Two passes over a process pool, a map and a reduce (a shuffle by id), so no process ever
holds the whole graph:
1. map, one task per part file: read it (loaders/reading.py), run the online loader's pure
   transform on every record (loaders/openalex.py), set bad records aside in the reject
   file's format, and spill the rows, bucketed by a stable hash of their node id or edge
   key, to pickle files (Spill);
2. reduce, one task per bucket: fold the bucket's rows in input order with the online
   loader's merge rules (loaders/bulk_fold.py) and write its CSV (loaders/bulk_csv.py).

Processes, not threads: the transform is pure Python (the GIL would run one thread at a
time). Measured (`python -m bench.import --works 100000`, with and without --workers 1) on
this 2-core machine while other sessions kept both cores busy, one process was faster
(90.7 s against 168.4 s): a worker only pays where a core is free, so the pool is the
default (a machine of its own) and `--workers 1` runs the passes in this process
(docs/PERFORMANCE.md, Bulk import)."""

from __future__ import annotations

import multiprocessing
import pickle
import resource
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

from loaders import bulk_csv
from loaders.bulk_fold import EDGE_KINDS, STUBS, Fold, bucket_field, bucket_of
from loaders.graph_rows import KINDS, GraphRows, Row
from loaders.openalex import transform
from loaders.pipeline import RECORD_ERRORS, Reader
from loaders.rejects import RejectFile

SPILL_RECORDS = 20_000  # records a map task holds before it appends its rows to the buckets
MERGE_KINDS = ("author_merges", "work_merges", "institution_merges", "venue_merges")
# The node kinds whose rows hold arrays (lineage, issn): the others need no delimiter check.
ARRAY_KINDS = ("institutions", "institution_refs", "venues", "venue_refs")
# The kinds a map task spills, each with the field that places a row (bulk_fold.bucket_field).
SPILLED_KINDS = tuple((kind, bucket_field(kind)) for kind in KINDS if kind not in MERGE_KINDS)


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


def peak_rss() -> int:
    """This process's peak resident memory in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def map_part(task: MapTask) -> MapResult:
    """Transform one part file into bucketed spill files (runs in a pool process)."""
    result = MapResult(task.index)
    rejects = RejectFile(task.spool / f"rejects-{task.index:06d}.jsonl")
    spill = Spill(task)
    for item in task.reader(task.path, 0):
        rows = _transform(item, task.path, rejects, result)
        if rows is not None:
            spill.add(rows)
        if spill.held >= SPILL_RECORDS:
            spill.flush()
    spill.flush()
    rejects.close()
    result.rejected, result.rejects = rejects.count, rejects.written_path
    result.peak_rss_bytes = peak_rss()
    return result


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


class Spill:
    """One map task's rows split by bucket and kind, appended to the bucket files in chunks
    of SPILL_RECORDS records (pickled: a chunk's rows are plain dicts and lists, which
    pickle's framed stream loads ~2x faster than marshal's, whose load reads a file object
    piece by piece)."""

    def __init__(self, task: MapTask) -> None:
        self.task, self.held = task, 0
        self.split: dict[int, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
        self.buckets: dict[str, int] = {}  # an id's bucket, hashed once: ids recur
        self.loaded: set[str] = set()
        self.cited: list[str] = []

    def add(self, rows: GraphRows) -> None:
        """One record's rows, each to the bucket of its node or of the node it hangs off."""
        for kind, key in SPILLED_KINDS:
            for row in getattr(rows, kind):
                self.split[self._bucket(row[key])][kind].append(row)
        self.loaded.update(row["id"] for row in rows.works)
        self.cited.extend(row["cited_id"] for row in rows.cites)
        self.held += 1

    def _bucket(self, key: str) -> int:
        if (bucket := self.buckets.get(key)) is None:
            bucket = self.buckets[key] = bucket_of(key, self.task.buckets)
        return bucket

    def flush(self) -> None:
        """Append the held rows to this part's file in each bucket; a cited work that no
        record here holds goes along as a stub (merge_works makes them online)."""
        for cited in set(self.cited) - self.loaded:
            self.split[self._bucket(cited)][STUBS].append({"id": cited})
        for bucket, kinds in self.split.items():
            folder = self.task.spool / f"b{bucket:04d}"
            folder.mkdir(exist_ok=True)
            with (folder / f"p{self.task.index:06d}.rows").open("ab") as out:
                pickle.dump(dict(kinds), out, protocol=pickle.HIGHEST_PROTOCOL)
        self.split.clear()
        self.loaded, self.cited, self.held = set(), [], 0


@dataclass(frozen=True)
class ReduceTask:
    """One bucket for the reduce pass."""

    bucket: int
    spool: Path
    out: Path
    now: datetime


def reduce_bucket(task: ReduceTask) -> ReduceResult:
    """Fold one bucket's rows in input order and write its CSV (runs in a pool process)."""
    fold = Fold()
    folder = task.spool / f"b{task.bucket:04d}"
    for part in sorted(folder.glob("p*.rows")) if folder.is_dir() else []:
        for chunk in _chunks(part):
            for kind, rows in chunk.items():
                fold.add(kind, rows)
    result = ReduceResult()
    for label in sorted(fold.nodes):
        nodes = list(fold.node_rows(label, task.now))
        if nodes:
            stem = task.out / f"{label}-{task.bucket:04d}"
            result.files.append(bulk_csv.write_nodes(stem, label, nodes))
            result.counts[label] = len(nodes)
    for kind, (rel_type, start, _, end, _) in EDGE_KINDS.items():
        edges = list(fold.edge_rows(kind))
        if edges:
            stem = task.out / f"{rel_type}-{task.bucket:04d}"
            result.files.append(bulk_csv.write_edges(stem, rel_type, start, end, edges))
            result.counts[rel_type] = len(edges)
    result.peak_rss_bytes = peak_rss()
    return result


def _chunks(path: Path) -> Iterator[dict[str, list[Row]]]:
    """The chunks one map task appended to a bucket file, in order."""
    with path.open("rb") as stream:
        while True:
            try:
                yield pickle.load(stream)  # noqa: S301 - our own spill files, never input
            except EOFError:
                return


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
