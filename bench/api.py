"""Exploration API benchmark: the neighbourhood over HTTP against the same Cypher through the
driver (same run, interleaved), warm p95 latencies, sustained profile reads with wrk (16
connections, from a second process), and the neighbourhood of the biggest hub; each figure
printed with its target, and a table for docs/PERFORMANCE.md at the end.

Usage: .venv/bin/python -m bench.api [--uri bolt://127.0.0.1:7690] [--password-file FILE]
       [--samples 1000] [--duration 20] [--workers 2] [--baseline-tree DIR]
The graph must already be loaded (e.g. the synthetic generator's works); it is only read.
PEERGRAPH_NEO4J_URI / PEERGRAPH_NEO4J_PASSWORD are used when no flag is given."""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from neo4j import RoutingControl

from bench.common import Http, api_server, bench_query, p50, p95, settings_from, timed
from core.db import count_graph, make_driver
from core.graph import Graph
from core.settings import Settings
from scoring.collaboration import CLOSE_SHARED_WORKS
from scoring.topics import TOPIC_COUNT_THRESHOLD
from service.repository.authors import TOP_TOPICS
from service.repository.graph import EDGE_TYPES

LABELS = ["Author", "Work", "Topic", "Institution", "Venue"]
FIGURES: list[tuple[str, str, str, str]] = []  # (figure, target, measured, met) for the table


def figure(name: str, target: str, measured: str, met: bool | None) -> None:
    """Print one figure with its target and keep it for the closing table."""
    verdict = "—" if met is None else ("met" if met else "NOT met")
    FIGURES.append((name, target, measured, verdict))
    print(f"{name}: {measured} | target {target}: {verdict}", flush=True)


def typical_authors(driver: Any, settings: Settings, count: int) -> list[tuple[str, int]]:
    """Authors whose work count is between the median and the 90th percentile of a sample."""
    rows, _, _ = driver.execute_query(bench_query("nodes/list_bench_authors"), scan=50_000,
                                      database_=settings.neo4j_database,
                                      routing_=RoutingControl.READ)
    counts = sorted(r["works"] for r in rows)
    low, high = counts[len(counts) // 2], counts[int(len(counts) * 0.9)]
    picked = [(r["id"], r["works"]) for r in rows if low <= r["works"] <= max(high, low + 1)]
    random.Random(7).shuffle(picked)
    print(f"typical authors: {low}..{max(high, low + 1)} works (median..p90 of "
          f"{len(counts):,} authors); {min(count, len(picked))} used")
    return picked[:count]


def neighbourhood_params(settings: Settings, depth: int, limit: int = 200) -> dict[str, Any]:
    """The parameters the API sends for ?depth=…&limit=… with no type filters."""
    return {"types": LABELS, "rel_types": list(EDGE_TYPES), "depth": depth,
            "hop1_limit": limit - 1 if depth == 1 else max(1, (limit - 1) // 2),
            "node_budget": limit - 1, "scan_cap": settings.explore_scan_cap,
            "hop2_scan_cap": settings.explore_hop2_scan_cap}


def interleaved(calls: list[Callable[[str], Any]], ids: list[str],
                samples: int) -> list[list[float]]:
    """Seconds per call of each side, same id in turn; the order rotates so no side always
    finds the caches warmed by the others."""
    times: list[list[float]] = [[] for _ in calls]
    for i in range(samples):
        for k in [(i + j) % len(calls) for j in range(len(calls))]:
            times[k].append(timed(lambda c=calls[k], a=ids[i % len(ids)]: c(a)))  # type: ignore[misc]
    return times


def request_graph(driver: Any, settings: Settings) -> Graph:
    """The graph as the app reads it for a request (its time limit and retries)."""
    return Graph(driver, settings.neo4j_database, timeout_s=settings.query_timeout_s,
                 retry_s=settings.explore_retry_time_s)


def compare_neighbourhood(driver: Any, settings: Settings, clients: list[Http],
                          authors: list[str], depth: int, samples: int) -> None:
    """The neighbourhood Cypher through the driver against the endpoint over HTTP (and the
    baseline tree's endpoint, when one is served)."""
    params, reader = neighbourhood_params(settings, depth), request_graph(driver, settings)
    direct, over_http, *baseline = interleaved(
        [lambda a: reader.read("nodes/expand_neighbourhood", id=a, **params),
         *[lambda a, c=c: c.get(f"/api/v1/nodes/{a}/neighbourhood", depth=depth)
           for c in clients]], authors, samples)
    for old in baseline:
        figure(f"{depth}-hop neighbourhood over HTTP: this tree / baseline tree", "—",
               f"p50 {p50(over_http):.2f} / {p50(old):.2f} ms, p95 {p95(over_http):.2f} / "
               f"{p95(old):.2f} ms (baseline/driver p95 {p95(old) / p95(direct):.2f}x)", None)
    ratio = p95(over_http) / p95(direct)
    figure(f"{depth}-hop neighbourhood, limit 200: HTTP p95 / driver p95", "≤ 1.5x",
           f"{p95(over_http):.2f} / {p95(direct):.2f} ms = {ratio:.3f}x (p50 "
           f"{p50(over_http):.2f} / {p50(direct):.2f} ms = {p50(over_http) / p50(direct):.2f}x)",
           ratio <= 1.5)
    if depth == 1:
        figure("1-hop neighbourhood, typical author, warm, HTTP p95", "≤ 20 ms",
               f"{p95(over_http):.1f} ms (p50 {p50(over_http):.1f})", p95(over_http) <= 20)


def compare_profile(driver: Any, settings: Settings, client: Http, authors: list[str],
                    samples: int) -> None:
    """The profile snapshot over HTTP (target: p95), its Cypher through the driver beside it."""
    direct, over_http = interleaved(
        [lambda a: request_graph(driver, settings).read(
            "authors/get_profile", id=a, close_min=CLOSE_SHARED_WORKS,
            topic_min_score=TOPIC_COUNT_THRESHOLD, top_topics=TOP_TOPICS),
         lambda a: client.get(f"/api/v1/authors/{a}")], authors, samples)
    figure("profile snapshot, typical author, warm, HTTP p95", "≤ 20 ms",
           f"{p95(over_http):.1f} ms (p50 {p50(over_http):.1f}; driver p95 "
           f"{p95(direct):.1f}, p50 {p50(direct):.1f})", p95(over_http) <= 20)


def http_floor(client: Http, samples: int) -> None:
    """GET /health: what HTTP itself costs here (client, socket, uvicorn, FastAPI), no Neo4j."""
    times = [timed(lambda: client.get("/health")) for _ in range(samples)]
    figure("HTTP floor: GET /health (no Neo4j)", "—",
           f"p50 {p50(times):.2f} ms, p95 {p95(times):.2f} ms", None)


def hub(driver: Any, settings: Settings, client: Http) -> None:
    """The neighbourhood of the biggest hub, depth 1 and 2, limit 200: latency and truncation."""
    top = driver.execute_query(bench_query("nodes/list_biggest_hubs"), limit=1,
                               database_=settings.neo4j_database,
                               routing_=RoutingControl.READ).records[0]
    print(f"biggest hub: {top['label']} {top['id']} with {top['degree']:,} relationships")
    for depth in (1, 2):
        url = f"/api/v1/nodes/{top['id']}/neighbourhood"
        times, body = [], {}
        for _ in range(30):
            began = time.perf_counter()
            raw = client.get(url, depth=depth)
            times.append(time.perf_counter() - began)
            body = json.loads(raw)
        figure(f"biggest hub, depth {depth}, limit 200 (p95)", "≤ 200 ms" if depth == 1 else "—",
               f"p50 {p50(times):.0f}, p95 {p95(times):.0f}, max {max(times) * 1000:.0f} ms; "
               f"{len(body['nodes'])} nodes, truncated={body['truncated']}",
               p95(times) <= 200 if depth == 1 else None)


def wrk_profiles(base: str, authors: list[str], duration: int, connections: int) -> None:
    """Sustained profile reads: wrk in its own process, round robin over the authors."""
    if shutil.which("wrk") is None:
        figure("profile reads, 16 connections (wrk)", "≥ 250/s", "wrk is not installed "
               "(make bench-deps installs it): not measured", False)
        return
    paths = ", ".join(f'"/api/v1/authors/{a}"' for a in authors)
    script = ("local paths = {" + paths + "}\nlocal i = 0\n"
              "request = function()\n  i = i + 1\n"
              "  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s", lua.name,
               base]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    os.unlink(lua.name)
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    rate = float(found[1]) if found else 0.0
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    latency = {m[0]: m[1] for m in re.findall(r"\s+(50|90|99)%\s+(\S+)", out)}
    figure(f"profile reads, {connections} connections, {duration} s (wrk)", "≥ 250/s",
           f"{rate:,.0f}/s, latency p50 {latency.get('50')} p90 {latency.get('90')} p99 "
           f"{latency.get('99')}, non-2xx {errors[1] if errors else 0}", rate >= 250)


def load_average(when: str) -> None:
    """The machine's load average: the figures mean little when it is high (2 cores)."""
    one, five, fifteen = os.getloadavg()
    print(f"load average {when}: {one:.2f} {five:.2f} {fifteen:.2f}", flush=True)


def run(args: argparse.Namespace, settings: Settings) -> None:
    """Every figure, against one server and one driver."""
    with ExitStack() as stack:
        driver = stack.enter_context(make_driver(settings))
        base = stack.enter_context(api_server(settings, args.workers)).base
        client, clients = Http(base), [Http(base)]
        if args.baseline_tree:
            clients.append(Http(stack.enter_context(
                api_server(settings, args.workers, args.baseline_tree)).base))
        nodes, rels = count_graph(driver, settings.neo4j_database)
        print(f"graph at {settings.neo4j_uri}: {nodes:,} nodes, {rels:,} relationships")
        authors = [a for a, _ in typical_authors(driver, settings, 200)]
        for a in authors:  # warm-up: every author once, both endpoints, both depths
            for warm in clients:
                warm.get(f"/api/v1/authors/{a}")
                warm.get(f"/api/v1/nodes/{a}/neighbourhood", depth=2)
        gc.freeze()  # as the server does: no ~100 ms full collections in either side's samples
        http_floor(client, args.samples)
        for depth in (1, 2):
            compare_neighbourhood(driver, settings, clients, authors, depth, args.samples)
        compare_profile(driver, settings, client, authors, args.samples)
        hub(driver, settings, client)
        for done in (client, *clients):
            done.close()
        load_average("after the latency figures (wrk adds its own load next)")
        wrk_profiles(base, authors, args.duration, 16)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--uri")
    parser.add_argument("--password-file")
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--baseline-tree", help="another checkout of the project, served too: "
                        "its neighbourhood over HTTP is measured beside this tree's")
    args = parser.parse_args()
    load_average("before")
    run(args, settings_from(args))
    load_average("after")
    print("\n| figure | target | measured | verdict |\n|---|---|---|---|")
    for row in FIGURES:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
