"""What the one graph-access module (core.graph) costs over the driver called by hand.

Usage: python -m bench.graph_access [--samples 2000]

A throwaway Neo4j with the bundled sample; the 1-hop neighbourhood of researcher0 read, in
turn, by the code the repository had before issue 20 (a session with a short retry time
and a unit_of_work time limit, the statement text passed in) and by `Graph.read` under the
same limits (the request graph). Both run in this process, alternating, so the ratio holds
on a noisy machine; no socket, no FastAPI: only the access layer differs."""

from __future__ import annotations

import argparse
from typing import Any

from neo4j import READ_ACCESS, Driver, ManagedTransaction, Record, unit_of_work

from bench.api import neighbourhood_params
from bench.common import p50, p95, throwaway_neo4j, timed
from core.db import apply_schema, make_driver
from core.graph import Graph
from core.settings import Settings
from cypher import query
from loaders.sample import load_sample

NAME = "nodes/expand_neighbourhood"


def by_hand(driver: Driver, settings: Settings, **params: Any) -> list[Record]:
    """The repository's read before issue 20, as it was written."""
    statement = query(NAME)

    @unit_of_work(timeout=settings.query_timeout_s)
    def fetch(tx: ManagedTransaction) -> list[Record]:
        return list(tx.run(statement, params))

    with driver.session(database=settings.neo4j_database, default_access_mode=READ_ACCESS,
                        max_transaction_retry_time=settings.explore_retry_time_s) as session:
        return session.execute_read(fetch)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--samples", type=int, default=2000)
    samples = parser.parse_args().samples
    with throwaway_neo4j() as settings, make_driver(settings) as driver:
        apply_schema(driver, settings.neo4j_database)
        load_sample(driver, settings.neo4j_database)
        graph = Graph(driver, settings.neo4j_database, timeout_s=settings.query_timeout_s,
                      retry_s=settings.explore_retry_time_s)
        params = {"id": "researcher0", **neighbourhood_params(settings, 1)}
        assert by_hand(driver, settings, **params) == graph.read(NAME, **params)
        hand: list[float] = []
        module: list[float] = []
        for i in range(samples + 200):  # the first 200 warm both up and are not counted
            pair = [lambda: by_hand(driver, settings, **params), lambda: graph.read(NAME, **params)]
            first, second = (pair, (hand, module)) if i % 2 else (pair[::-1], (module, hand))
            took = [timed(call) for call in first]
            if i >= 200:
                second[0].append(took[0])
                second[1].append(took[1])
        print(f"1-hop neighbourhood of researcher0, {samples} reads each, alternating:")
        print(f"  by hand (before)   p50 {p50(hand):.3f} ms  p95 {p95(hand):.3f} ms")
        print(f"  core.graph.read    p50 {p50(module):.3f} ms  p95 {p95(module):.3f} ms")
        print(f"  ratio core.graph / by hand: p50 {p50(module) / p50(hand):.3f}x, "
              f"p95 {p95(module) / p95(hand):.3f}x")


if __name__ == "__main__":
    main()
