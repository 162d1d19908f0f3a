"""Exploration API benchmark: the neighbourhood over HTTP against the same Cypher through the
driver (same run, interleaved), warm p95 latencies, sustained profile reads with wrk (16
connections, from a second process), and the neighbourhood of the biggest hub.

Usage: .venv/bin/python -m bench.api [--uri bolt://127.0.0.1:7690] [--password-file FILE]
       [--samples 300] [--duration 20] [--workers 2]
The graph must already be loaded (e.g. the synthetic generator's works); it is only read.
Run it as a module (-m): `python bench/api.py` would import bench/cypher.py as `cypher`.
PEERGRAPH_NEO4J_URI / PEERGRAPH_NEO4J_PASSWORD are used when no flag is given."""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from service.db import count_graph, make_driver
from service.localdb import free_port
from service.repository.base import read
from service.repository.graph import EDGE_TYPES
from service.settings import Settings

LABELS = ["Author", "Work", "Topic", "Institution", "Venue"]


def p95(samples: list[float]) -> float:
    """The 95th percentile, in milliseconds."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000


def p50(samples: list[float]) -> float:
    """The median, in milliseconds."""
    return sorted(samples)[len(samples) // 2] * 1000


def timed(call: Callable[[], Any]) -> float:
    """Seconds one call takes."""
    began = time.perf_counter()
    call()
    return time.perf_counter() - began


def typical_authors(driver: Any, settings: Settings, count: int) -> list[tuple[str, int]]:
    """Authors whose work count is between the median and the 90th percentile of a sample."""
    rows = read(driver, settings, "nodes/list_bench_authors", scan=50_000)
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


def compare_neighbourhood(driver: Any, settings: Settings, http: httpx.Client,
                          authors: list[str], depth: int, samples: int) -> None:
    """Interleaved: the Cypher through the driver, then the same through HTTP, per author."""
    params = neighbourhood_params(settings, depth)
    direct: list[float] = []
    over_http: list[float] = []
    for i in range(samples):
        author = authors[i % len(authors)]
        direct.append(timed(lambda a=author: read(  # type: ignore[misc]
            driver, settings, "nodes/expand_neighbourhood", id=a, **params)))
        over_http.append(timed(lambda a=author: http.get(  # type: ignore[misc]
            f"/api/v1/nodes/{a}/neighbourhood", params={"depth": depth}).raise_for_status()))
    ratio = p95(over_http) / p95(direct)
    print(f"neighbourhood depth {depth} limit 200: driver p50 {p50(direct):6.1f} ms "
          f"p95 {p95(direct):6.1f} ms | HTTP p50 {p50(over_http):6.1f} ms "
          f"p95 {p95(over_http):6.1f} ms | HTTP/driver p95 {ratio:.2f}x")


def http_p95(http: httpx.Client, paths: list[str], samples: int, label: str) -> None:
    """Sequential warm requests over the paths, round robin."""
    times = [timed(lambda p=paths[i % len(paths)]: http.get(p).raise_for_status())  # type: ignore[misc]
             for i in range(samples)]
    print(f"{label}: p50 {p50(times):6.1f} ms, p95 {p95(times):6.1f} ms ({samples} requests)")


def hub(driver: Any, settings: Settings, http: httpx.Client) -> None:
    """The neighbourhood of the biggest hub, depth 1 and 2, limit 200: latency and truncation."""
    top = read(driver, settings, "nodes/list_biggest_hubs", limit=1)[0]
    print(f"biggest hub: {top['label']} {top['id']} with {top['degree']:,} relationships")
    for depth in (1, 2):
        url = f"/api/v1/nodes/{top['id']}/neighbourhood"
        times, body = [], {}
        for _ in range(30):
            began = time.perf_counter()
            response = http.get(url, params={"depth": depth})
            times.append(time.perf_counter() - began)
            body = response.raise_for_status().json()
        print(f"  depth {depth}: p50 {p50(times):6.1f} ms, p95 {p95(times):6.1f} ms, "
              f"max {max(times) * 1000:6.1f} ms; {len(body['nodes'])} nodes, "
              f"truncated={body['truncated']}")


def wrk_profiles(base: str, authors: list[str], duration: int, connections: int) -> None:
    """Sustained profile reads: wrk in its own process, round robin over the authors."""
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk): throughput not measured")
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
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    latency = {m[0]: m[1] for m in re.findall(r"\s+(50|90|99)%\s+(\S+)", out)}
    print(f"profile reads, {connections} connections, {duration} s (wrk): "
          f"{float(rate[1]) if rate else 0:,.0f} requests/s, latency p50 {latency.get('50')} "
          f"p90 {latency.get('90')} p99 {latency.get('99')}, non-2xx "
          f"{errors[1] if errors else 0}")


@contextmanager
def api_server(settings: Settings, workers: int) -> Iterator[str]:
    """uvicorn serving the app in its own processes; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PEERGRAPH_NEO4J_URI": settings.neo4j_uri,
           "PEERGRAPH_NEO4J_PASSWORD": settings.password()}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory", "--host",
         "127.0.0.1", "--port", str(port), "--workers", str(workers), "--log-level", "warning",
         "--no-access-log"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def settings_from(args: argparse.Namespace) -> Settings:
    """Where the graph is: flags first, then the environment."""
    password = (Path(args.password_file).read_text().strip() if args.password_file
                else os.environ.get("PEERGRAPH_NEO4J_PASSWORD"))
    return Settings(_env_file=None,
                    neo4j_uri=args.uri or os.environ.get("PEERGRAPH_NEO4J_URI",
                                                         "bolt://127.0.0.1:7687"),
                    neo4j_password=password)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uri")
    parser.add_argument("--password-file")
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    settings = settings_from(args)
    with make_driver(settings) as driver, api_server(settings, args.workers) as base, \
            httpx.Client(base_url=base, timeout=30) as http:
        nodes, rels = count_graph(driver, settings.neo4j_database)
        print(f"graph at {settings.neo4j_uri}: {nodes:,} nodes, {rels:,} relationships")
        authors = [a for a, _ in typical_authors(driver, settings, 200)]
        warm = [f"/api/v1/nodes/{a}/neighbourhood" for a in authors]
        http_p95(http, warm + [f"/api/v1/authors/{a}" for a in authors], 2 * len(authors),
                 "warm-up (every author once, neighbourhood and profile)")
        for depth in (1, 2):
            compare_neighbourhood(driver, settings, http, authors, depth, args.samples)
        http_p95(http, warm, args.samples, "1-hop neighbourhood, typical author, HTTP")
        http_p95(http, [f"/api/v1/authors/{a}" for a in authors], args.samples,
                 "profile snapshot, typical author, HTTP")
        hub(driver, settings, http)
        wrk_profiles(base, authors, args.duration, 16)


if __name__ == "__main__":
    main()
