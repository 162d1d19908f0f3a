"""Analyst endpoint overhead and CSV streaming memory, against a throwaway Neo4j and server.

Run: .venv/bin/python -m bench.analyst_endpoint [--rounds 40] [--warmup 300]

1. Overhead: POST /api/v1/cypher (a real uvicorn process) against the same 1 000-row query
   through the driver in this process, once Neo4j has warmed up (its JIT takes a few hundred
   runs of the query: a cold Neo4j is slower for both and flatters the ratio); prints median
   times and their ratio, then where the difference goes (the client's decoding, one HTTP
   round trip). The client is bench.common.Http (one keep-alive socket), which adds next
   to nothing of its own; the ratio with httpx as the client is printed beside it.
2. Memory: the server's RSS before and at its peak while streaming 100 000 rows as CSV.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import httpx
import orjson
import psutil
from neo4j import Driver, RoutingControl

from bench.common import (
    Http,
    Served,
    api_server,
    median_ms,
    p50,
    peak_rss_while,
    throwaway_neo4j,
    timed,
)
from core.db import make_driver
from core.settings import Settings
from service.analyst.runner import Limits, run_json_bytes

# Ad-hoc analyst text is what is measured here, so these stay inline (not in cypher/).
ROWS_QUERY = ("MATCH (n:BenchRow) WHERE n.id <= 1000 "
              "RETURN n.id AS id, n.name AS name, n.score AS score, n.tags AS tags, n AS node")
TINY_QUERY = "RETURN 1 AS one"  # one row: what any request costs, whatever its result
STREAM_QUERY = ("MATCH (n:BenchRow) "
                "RETURN n.id AS id, n.name AS name, n.score AS score, n.tags AS tags")
MAKE_ROWS = ("UNWIND range($first, $last) AS i CREATE (:BenchRow {id: i, name: 'row ' + i, "
             "score: rand(), tags: ['alpha', 'beta', toString(i)]})")


def interleaved_medians(paths: tuple[Callable[[], object], ...], rounds: int) -> list[float]:
    """Median wall times (ms) of functions run in turn, round after round, after two rounds."""
    times: list[list[float]] = [[] for _ in paths]
    for round_no in range(rounds + 2):
        for index, fn in enumerate(paths):
            took = timed(fn)
            if round_no >= 2:
                times[index].append(took)
    return [p50(path_times) for path_times in times]


def print_cpu_ratio(server_pid: int, through_driver: Callable[[], object],
                    through_endpoint: Callable[[], object], rounds: int) -> None:
    """CPU time per call (this process, plus the server's for the endpoint): load-proof."""
    server = psutil.Process(server_pid)

    def cpu_ms(fn: Callable[[], object], with_server: bool) -> float:
        mine, theirs = time.process_time(), sum(server.cpu_times()[:2])
        for _ in range(rounds):
            fn()
        spent = time.process_time() - mine
        if with_server:
            spent += sum(server.cpu_times()[:2]) - theirs
        return spent * 1000 / rounds

    driver_cpu, endpoint_cpu = cpu_ms(through_driver, False), cpu_ms(through_endpoint, True)
    print(f"1 000 rows, CPU per call: driver {driver_cpu:.1f} ms, endpoint (client + server) "
          f"{endpoint_cpu:.1f} ms; ratio {endpoint_cpu / driver_cpu:.2f}x")


def print_breakdown(driver: Driver, client: Http, settings: Settings, rounds: int) -> None:
    """Where the rest of the endpoint's extra time goes: the client's decoding, the HTTP hop."""
    body = run_json_bytes(driver, settings, ROWS_QUERY, {}, Limits(1000, 30))
    decode_ms = median_ms(lambda: orjson.loads(body), rounds, warmup=2)
    driver_ms, endpoint_ms = interleaved_medians((
        lambda: driver.execute_query(TINY_QUERY, routing_=RoutingControl.READ),
        lambda: client.post_json("/api/v1/cypher", {"query": TINY_QUERY})), rounds)
    print(f"1 000 rows: the client decodes {len(body) // 1024} KiB of JSON in {decode_ms:.1f} "
          f"ms; a 1-row query: driver {driver_ms:.1f} ms, endpoint "
          f"{endpoint_ms:.1f} ms (the HTTP round trip adds {endpoint_ms - driver_ms:.1f} ms)")


def stream_csv(base: str) -> int:
    """Stream the 100 000-row CSV, discarding it; returns the number of lines."""
    lines = 0
    with httpx.stream("POST", f"{base}/api/v1/cypher", headers={"Accept": "text/csv"},
                      json={"query": STREAM_QUERY, "limit": 100_000, "timeout_ms": 60_000},
                      timeout=120) as response:
        response.raise_for_status()
        for chunk in response.iter_text():
            lines += chunk.count("\n")
    return lines


def warm_up(through_driver: Callable[[], object], through_endpoint: Callable[[], object],
            calls: int) -> None:
    """Run both paths until Neo4j's JIT has settled; print how much faster it got."""
    if calls < 100:
        return
    times = []
    for _ in range(calls):
        times.append(timed(through_driver))
        through_endpoint()
    print(f"warm-up: {calls} runs of each; driver median {p50(times[:50]):.1f} ms "
          f"over the first 50, {p50(times[-50:]):.1f} ms over the last 50")


def run(rounds: int, warmup: int) -> None:
    """Start Neo4j and the API, make the rows, measure, print."""
    with throwaway_neo4j() as settings, make_driver(settings) as driver:
        for first in range(1, 100_001, 20_000):
            driver.execute_query(MAKE_ROWS, first=first, last=first + 19_999)
        driver.execute_query("CREATE INDEX bench_id IF NOT EXISTS FOR (n:BenchRow) ON (n.id)")
        driver.execute_query("CALL db.awaitIndexes(300)")
        with api_server(settings, env={"PEERGRAPH_ANALYST_MAX_ROWS": "100000"}) as served:
            measure(driver, settings, served, rounds, warmup)


def measure(driver: Driver, settings: Settings, served: Served, rounds: int,
            warmup: int) -> None:
    """Print the overhead ratio, where it goes, and the memory growth."""
    client, lean = httpx.Client(base_url=served.base, timeout=60), Http(served.base)
    payload = {"query": ROWS_QUERY, "limit": 1000}

    def through_driver() -> int:
        records, _, _ = driver.execute_query(ROWS_QUERY, routing_=RoutingControl.READ)
        return len(records)

    def through_endpoint() -> int:  # a client decodes the rows too
        return len(orjson.loads(lean.post_json("/api/v1/cypher", payload))["rows"])

    def through_endpoint_httpx() -> int:
        response = client.post("/api/v1/cypher", json=payload)
        response.raise_for_status()
        return len(orjson.loads(response.content)["rows"])

    assert through_driver() == through_endpoint() == through_endpoint_httpx() == 1000
    warm_up(through_driver, through_endpoint, warmup)
    driver_ms, endpoint_ms = interleaved_medians((through_driver, through_endpoint), rounds)
    print(f"1 000 rows: driver {driver_ms:.1f} ms, endpoint {endpoint_ms:.1f} ms (median of "
          f"{rounds}); ratio {endpoint_ms / driver_ms:.2f}x (target <= 1.3x)")
    driver_ms, httpx_ms = interleaved_medians((through_driver, through_endpoint_httpx), rounds)
    print(f"1 000 rows, httpx as the client: driver {driver_ms:.1f} ms, endpoint "
          f"{httpx_ms:.1f} ms; ratio {httpx_ms / driver_ms:.2f}x")
    print_cpu_ratio(served.pid, through_driver, through_endpoint, rounds)

    def through_service_layer() -> int:
        # The same work the endpoint does (guard, READ run, JSON bytes), minus HTTP.
        return len(run_json_bytes(driver, settings, ROWS_QUERY, {}, Limits(1000, 30)))

    driver_ms, layer_ms = interleaved_medians((through_driver, through_service_layer), rounds)
    print(f"1 000 rows in this process: driver {driver_ms:.1f} ms, analyst layer "
          f"{layer_ms:.1f} ms; ratio {layer_ms / driver_ms:.2f}x")
    print_breakdown(driver, lean, settings, rounds)
    print_csv_memory(served)


def print_csv_memory(served: Served) -> None:
    """The server's RSS before and at its peak while it streams 100 000 rows as CSV."""
    before, peak = peak_rss_while(served.pid, lambda: print(
        f"streamed {stream_csv(served.base) - 1} CSV rows"))
    growth = (peak - before) / 2**20
    print(f"CSV 100 000 rows: server RSS {before / 2**20:.0f} MiB before, peak "
          f"{peak / 2**20:.0f} MiB; growth {growth:.1f} MiB (target < 100 MiB)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=300,
                        help="runs of each path before measuring (below 100: none)")
    arguments = parser.parse_args()
    run(arguments.rounds, arguments.warmup)
