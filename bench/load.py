"""Loader benchmark: batched vs naive (one transaction per record) on the same synthetic
works, in the same run, plus the parse-only (orjson) and parse+transform rates.

Usage (from the repo root):
  .venv/bin/python -m bench.load [--works 10000] [--batch-size 5000] [--writers 2]
Against a running Neo4j: PEERGRAPH_NEO4J_URI / PEERGRAPH_NEO4J_PASSWORD (it is WIPED);
otherwise a throwaway local Neo4j is started and stopped. Both loaders are measured warm, on
other works first (then wiped), so neither pays for query planning or the JVM's warm-up: the
batched one --warmup-rounds times over as many works as measured (its rate climbs over the
first two or three while Neo4j's JIT compiles the write path; each round's rate is printed),
the naive one over 500 (its own 10 000 transactions keep it warm from then on)."""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from neo4j import Driver

from bench.common import throwaway_neo4j, timed
from core.db import apply_schema, delete_everything, make_driver
from core.graph import Graph
from core.settings import Settings
from loaders.graph_rows import write_rows
from loaders.openalex import transform
from loaders.pipeline import LoadInput, LoadOptions, run_load
from loaders.reading import read_json_items
from loaders.synthetic import write_synthetic


@contextmanager
def neo4j() -> Iterator[Driver]:
    """A driver to PEERGRAPH_NEO4J_URI, or to a throwaway local Neo4j sized as `make run`'s."""
    defaults = Settings(_env_file=None)  # the environment only: never .env's graph (it is wiped)
    with ExitStack() as stack:
        settings = defaults if os.environ.get("PEERGRAPH_NEO4J_URI") else stack.enter_context(
            throwaway_neo4j(defaults.local_db_heap, defaults.local_db_pagecache))
        yield stack.enter_context(make_driver(settings))


def add_loader_arguments(parser: argparse.ArgumentParser) -> None:
    """The online loader's knobs every load bench takes: batch size and writers."""
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--writers", type=int, default=2)


def loader_options(workdir: Path, args: argparse.Namespace) -> LoadOptions:
    """The online loader's options from those arguments, its state under `workdir`."""
    return LoadOptions(state_dir=workdir / "state", batch_size=args.batch_size,
                       writers=args.writers, progress=False)


def rate(label: str, records: int, seconds: float) -> float:
    """Print and return records per second (with the machine's load average: a busy machine
    slows every figure, and the reader should know)."""
    print(f"{label:<34} {records:>9,} records in {seconds:8.2f}s = {records / seconds:>10,.0f}/s"
          f"  (load {os.getloadavg()[0]:.1f})")
    return records / seconds


def parse_rates(path: Path, works: int) -> None:
    """Parse only (orjson), then parse + transform, no database."""
    rate("parse only (orjson)", works, timed(lambda: sum(1 for _ in read_json_items(path))))
    rate("parse + transform", works,
         timed(lambda: [transform(i.record) for i in read_json_items(path) if i.record]))


def naive(driver: Driver, path: Path) -> None:
    """One transaction per record, same queries: what batching is measured against."""
    for item in read_json_items(path):
        rows = transform(item.record) if item.record else None
        if rows is not None:
            write_rows(Graph(driver, "neo4j"), rows)


def fresh_graph(driver: Driver) -> None:
    """An empty graph with the schema, as a fresh install has."""
    delete_everything(driver, "neo4j")
    apply_schema(driver, "neo4j")


def batched_load(driver: Driver, path: Path, options: LoadOptions) -> float:
    """Seconds for one batched load of `path` into a fresh graph."""
    fresh_graph(driver)
    return timed(lambda: run_load(driver, "neo4j", "bench", [LoadInput(path, transform)],
                                  options))


def warm_up(driver: Driver, workdir: Path, options: LoadOptions, works: int,
            rounds: int) -> None:
    """Both loaders on other works until warm (see the module's docstring), printing rates."""
    path = workdir / "warm-up.jsonl"
    write_synthetic(path, works, seed=99)
    for number in range(1, rounds + 1):
        rate(f"warm-up {number}: batched", works, batched_load(driver, path, options))
    few = workdir / "warm-up-naive.jsonl"
    write_synthetic(few, 500, seed=99)
    fresh_graph(driver)
    rate("warm-up: naive", 500, timed(lambda: naive(driver, few)))


def measure_batched(driver: Driver, path: Path, options: LoadOptions, works: int,
                    runs: int) -> float:
    """The batched load `runs` times on a fresh graph; its rate over all of them. Several
    runs, because one pause (Neo4j's garbage collector, another process on the machine) moves
    a 5-second run by a second or more, where the 2-minute naive run averages such pauses out."""
    seconds = 0.0
    label = f"batched ({options.batch_size}/tx, {options.writers} writers)"
    for number in range(1, runs + 1):
        took = batched_load(driver, path, options)
        rate(f"{label}, run {number}", works, took)
        seconds += took
    return rate(f"{label}, all {runs} runs", works * runs, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=10_000)
    add_loader_arguments(parser)
    parser.add_argument("--warmup-rounds", type=int, default=3)
    parser.add_argument("--batched-runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, neo4j() as driver:
        path = Path(tmp) / "works.jsonl"
        write_synthetic(path, args.works, seed=7)
        parse_rates(path, args.works)
        options = loader_options(Path(tmp), args)
        warm_up(driver, Path(tmp), options, args.works, args.warmup_rounds)
        batched = measure_batched(driver, path, options, args.works, args.batched_runs)
        fresh_graph(driver)
        one_by_one = rate("naive load (1 tx per record)", args.works,
                          timed(lambda: naive(driver, path)))
        print(f"batched / naive speed-up: {batched / one_by_one:.1f}x")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of this process: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
