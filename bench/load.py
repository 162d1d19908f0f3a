"""Loader benchmark: batched vs naive (one transaction per record) on the same synthetic
works, in the same run, plus the parse-only (orjson) and parse+transform rates.

Usage (from the repo root):
  .venv/bin/python -m bench.load [--works 10000] [--batch-size 2000] [--writers 2]
Against a running Neo4j: PEERGRAPH_NEO4J_URI / PEERGRAPH_NEO4J_PASSWORD (it is WIPED);
otherwise a throwaway local Neo4j is started and stopped. Both loaders first load the same
500 other works once (then wiped), so neither pays for the JVM's warm-up or query planning."""

from __future__ import annotations

import argparse
import os
import resource
import secrets
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from neo4j import Driver, GraphDatabase

from loaders.graph_rows import write_rows
from loaders.openalex import transform
from loaders.pipeline import LoadInput, LoadOptions, run_load
from loaders.reading import read_json_items
from loaders.synthetic import write_synthetic
from service.db import apply_schema, delete_everything
from service.localdb import LocalNeo4j, free_port
from service.settings import Settings


@contextmanager
def neo4j(workdir: Path) -> Iterator[Driver]:
    """A driver to PEERGRAPH_NEO4J_URI, or to a throwaway local Neo4j."""
    uri, password = os.environ.get("PEERGRAPH_NEO4J_URI"), os.environ.get(
        "PEERGRAPH_NEO4J_PASSWORD")
    local = None
    if not uri:
        password = secrets.token_urlsafe(16)
        local = LocalNeo4j(workdir / "neo4j", "127.0.0.1", free_port(), password, "2g", "1g",
                           Settings(_env_file=None).launcher_jar)  # type: ignore[call-arg]
        local.start()
        uri = local.uri
    try:
        with GraphDatabase.driver(uri, auth=("neo4j", password or ""),
                                  notifications_min_severity="OFF") as driver:
            yield driver
    finally:
        if local:
            local.stop()


def rate(label: str, records: int, seconds: float) -> float:
    """Print and return records per second."""
    print(f"{label:<34} {records:>9,} records in {seconds:8.2f}s = {records / seconds:>10,.0f}/s")
    return records / seconds


def timed(fn: object) -> float:
    began = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - began


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
            write_rows(driver, "neo4j", rows)


def fresh_graph(driver: Driver) -> None:
    """An empty graph with the schema, as a fresh install has."""
    delete_everything(driver, "neo4j")
    apply_schema(driver, "neo4j")


def warm_up(driver: Driver, workdir: Path, options: LoadOptions) -> None:
    """Both loaders once over 500 other works, so both run on a warm JVM and cached plans."""
    path = workdir / "warm-up.jsonl"
    write_synthetic(path, 500, seed=99)
    for load in (lambda: run_load(driver, "neo4j", "bench", [LoadInput(path, transform)],
                                  options), lambda: naive(driver, path)):
        fresh_graph(driver)
        load()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--writers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, neo4j(Path(tmp)) as driver:
        path = Path(tmp) / "works.jsonl"
        write_synthetic(path, args.works, seed=7)
        parse_rates(path, args.works)
        options = LoadOptions(state_dir=Path(tmp) / "state", batch_size=args.batch_size,
                              writers=args.writers, progress=False)
        warm_up(driver, Path(tmp), options)
        fresh_graph(driver)
        batched = rate(f"batched ({args.batch_size}/tx, {args.writers} writers)", args.works,
                       timed(lambda: run_load(driver, "neo4j", "bench",
                                              [LoadInput(path, transform)], options)))
        fresh_graph(driver)
        one_by_one = rate("naive load (1 tx per record)", args.works,
                          timed(lambda: naive(driver, path)))
        print(f"batched / naive speed-up: {batched / one_by_one:.1f}x")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of this process: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
