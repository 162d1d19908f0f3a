"""Bulk import benchmark: `peergraph import` end to end (loaders/bulk_import.py: transform on
a process pool, Neo4j's offline importer, start, schema, LoadRun) against the online loader
(loaders.pipeline.run_load) on the same synthetic works, in the same run.

Usage (from the repo root):
  .venv/bin/python -m bench.import [--works 100000] [--workers 2] [--skip-online]
  .venv/bin/python -m bench.import --works 10000000 --parts 40 --snapshot DIR --keep HOME
Prints the transform phase's works/s, each phase's time, the import/online ratio, the peak
RSS of the Python side (this process and the pool's) and of the importer's JVM, and the
disk the store and the intermediate files took (they are removed after). Both go into
throwaway Neo4j homes under a temporary folder, started and stopped here.

Figures (100 000 works, 2 processes against 1, on this 2-core machine while it was shared)
and what they say are in docs/PERFORMANCE.md, "Bulk import"."""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import secrets
import tempfile
import time
from pathlib import Path

import orjson

from bench.common import throwaway_neo4j
from core.db import apply_schema, make_driver
from core.jvm_archive import JvmArchive
from core.localdb import LocalNeo4j, free_port
from core.memory import peak_rss
from core.settings import Settings
from loaders.bulk_import import ImportOptions, ImportSummary, import_openalex
from loaders.openalex import discover
from loaders.pipeline import LoadOptions, run_load
from loaders.synthetic import Generator

MIB = 2**20


def write_snapshot(folder: Path, works: int, parts: int, gzipped: bool) -> Path:
    """`works` synthetic works (seed 7) as `parts` part files of one snapshot partition,
    consecutive and in order, gzipped (level 1) or plain: the pool works one part file per
    task, as over a real snapshot."""
    partition = folder / "works" / "updated_date=2026-01-01"
    partition.mkdir(parents=True)
    records = Generator(works, seed=7).works()
    step = -(-works // parts)
    for number in range(parts):
        path = partition / f"part_{number:03d}{'.gz' if gzipped else ''}"
        with (gzip.open(path, "wb", compresslevel=1) if gzipped else path.open("wb")) as out:
            out.writelines(orjson.dumps(r) + b"\n" for r in itertools.islice(records, step))
    return folder


def bulk(path: Path, workdir: Path, workers: int,
         home: Path | None = None) -> tuple[float, ImportSummary]:
    """Seconds for `peergraph import` of `path` into a fresh home, and its summary."""
    password = secrets.token_urlsafe(16)
    defaults = Settings(_env_file=None, neo4j_password=password)
    if home is not None:
        print(f"the store goes to {home}; its Bolt password: {password}")
    local = LocalNeo4j(home or workdir / "imported", "127.0.0.1", free_port(), password,
                       defaults.local_db_heap, defaults.local_db_pagecache,
                       defaults.launcher_jar)
    options = ImportOptions(state_dir=workdir / "import-state", workers=workers,
                            keep_running=False, progress=False)
    began = time.perf_counter()
    summary = import_openalex(path, local, defaults, options)
    return time.perf_counter() - began, summary


def online(path: Path, workdir: Path, batch_size: int, writers: int) -> float:
    """Seconds for the online loader on the same file into a fresh throwaway Neo4j."""
    defaults = Settings(_env_file=None)
    with throwaway_neo4j(defaults.local_db_heap, defaults.local_db_pagecache) as settings, \
            make_driver(settings) as driver:
        apply_schema(driver, "neo4j")
        options = LoadOptions(state_dir=workdir / "state", batch_size=batch_size,
                              writers=writers, progress=False)
        began = time.perf_counter()
        summary = run_load(driver, "neo4j", "bench", discover(path), options)
        took = time.perf_counter() - began
    if summary.status != "completed":
        raise SystemExit(f"the online load {summary.status}: {summary.error}")
    return took


def report(works: int, seconds: float, summary: ImportSummary) -> None:
    """The import's phases, rates, memory and disk."""
    transform_s = summary.phases.get("transform", 0.0)
    print(f"import end to end: {works:,} works in {seconds:.1f}s = {works / seconds:,.0f}/s "
          f"({summary.status}; {summary.report.nodes:,} nodes, "
          f"{summary.report.relationships:,} relationships)")
    print(f"transform: {transform_s:.1f}s = {works / transform_s:,.0f} works/s; "
          f"{summary.transform_cpu_s:.1f} CPU-s = {works / summary.transform_cpu_s:,.0f} "
          "works per CPU-second")
    for phase, took in summary.phases.items():
        print(f"  {phase:<22} {took:8.1f}s")
    parent = peak_rss()
    print(f"peak RSS: Python {max(parent, summary.python_peak_rss_bytes) / MIB:,.0f} MiB "
          f"(this process {parent / MIB:,.0f} MiB), importer JVM "
          f"{summary.report.peak_rss_bytes / MIB:,.0f} MiB")
    print(f"disk: store {summary.store_bytes / MIB:,.1f} MiB, intermediate files (removed) "
          f"{summary.intermediate_bytes / MIB:,.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--parts", type=int, default=16, help="part files to split into")
    parser.add_argument("--skip-online", action="store_true")
    parser.add_argument("--snapshot", type=Path, default=None,
                        help="the synthetic snapshot's folder (gzipped parts): made if missing, "
                             "kept; the online load is skipped")
    parser.add_argument("--keep", type=Path, default=None, help="import into this home, kept")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.keep.parent if args.keep else None) as tmp:
        path = args.snapshot or Path(tmp) / "snapshot"
        if not path.exists():
            write_snapshot(path, args.works, args.parts, gzipped=args.snapshot is not None)
        size = sum(p.stat().st_size for p in path.rglob("part_*"))
        print(f"{args.works:,} synthetic works, {size / MIB:,.1f} MiB in {args.parts} part "
              f"files; transform on {args.workers} process(es)")
        jar = Settings(_env_file=None).launcher_jar
        print("JVM class archives (core/jvm_archive.py) in place: " + ", ".join(
            f"{role} {JvmArchive(jar, role).path.is_file()}" for role in ("importer", "server")))
        seconds, summary = bulk(path, Path(tmp), args.workers, args.keep)
        report(args.works, seconds, summary)
        if not args.skip_online and args.snapshot is None:
            loaded = online(path, Path(tmp), args.batch_size, args.writers)
            print(f"online load: {args.works:,} works in {loaded:.1f}s = "
                  f"{args.works / loaded:,.0f}/s")
            print(f"import / online speed-up: {loaded / seconds:.1f}x")


if __name__ == "__main__":
    main()
