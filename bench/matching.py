"""What cross-source matching costs the OpenAlex online loader: the same load with and without
it, alternated, in the same process and Neo4j.

Usage (from the repo root):
  .venv/bin/python -m bench.matching [--works 20000] [--runs 3] [--batch-size 5000]
Against a running Neo4j: PEERGRAPH_NEO4J_URI / PEERGRAPH_NEO4J_PASSWORD (it is WIPED);
otherwise a throwaway local Neo4j is started and stopped. "Without" swaps the loader's
matching step (loaders.work_matching.match_works: one node per paper across sources) for
one that passes the batch through, which is what the loader did before issue 18; every run
loads `peergraph generate synthetic` works into a fresh graph. Runs alternate (with,
without, with, …) after two warm-up rounds of each, so a slow spell of the machine falls on
both sides alike; the median of the run pairs' ratios shrugs off one slow run."""

from __future__ import annotations

import argparse
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from neo4j import Driver, ManagedTransaction

from bench.load import add_loader_arguments, batched_load, loader_options, neo4j, rate
from loaders import work_matching
from loaders.graph_rows import GraphRows
from loaders.pipeline import LoadOptions
from loaders.synthetic import write_synthetic


def _passed_through(tx: ManagedTransaction, rows: GraphRows) -> tuple[GraphRows, int]:
    """No matching: the batch as it came, nothing folded."""
    return rows, 0


@contextmanager
def matching(on: bool) -> Iterator[None]:
    """The loader with its matching step, or without it, for the duration."""
    real = work_matching.match_works
    if not on:
        work_matching.match_works = _passed_through
    try:
        yield
    finally:
        work_matching.match_works = real


def timed_load(driver: Driver, path: Path, options: LoadOptions, on: bool) -> float:
    """Seconds for one load of `path` into a fresh graph, matching on or off."""
    with matching(on):
        return batched_load(driver, path, options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    add_loader_arguments(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, neo4j() as driver:
        work = Path(tmp)
        options = loader_options(work, args)
        write_synthetic(work / "warm.jsonl", min(args.works, 10_000), seed=99)
        write_synthetic(work / "works.jsonl", args.works, seed=7)
        for _ in range(2):
            for on in (True, False):
                timed_load(driver, work / "warm.jsonl", options, on)
        seconds: dict[bool, list[float]] = {True: [], False: []}
        for number in range(1, args.runs + 1):
            for on in (True, False):
                took = timed_load(driver, work / "works.jsonl", options, on)
                rate(f"run {number}, matching {'on' if on else 'off'}", args.works, took)
                seconds[on].append(took)
        total = args.works * args.runs
        with_it = rate("all runs, matching on", total, sum(seconds[True]))
        without = rate("all runs, matching off", total, sum(seconds[False]))
        pairs = [on / off for on, off in zip(seconds[True], seconds[False], strict=True)]
        print(f"load time with matching / without: {without / with_it:.2f}x over all runs, "
              f"{statistics.median(pairs):.2f}x the median run pair "
              f"({', '.join(f'{p:.2f}' for p in pairs)})")


if __name__ == "__main__":
    main()
