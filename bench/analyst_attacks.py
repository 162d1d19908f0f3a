"""The attacks of issue 14 on the analyst endpoint, against a throwaway Neo4j and a real
uvicorn process, loopback only; prints what each got and how /health fared meanwhile.

Run: .venv/bin/python -m bench.analyst_attacks [--concurrency 2] [--nesting 40] [--huge 3]

1. Nesting: --nesting requests of `RETURN ((((…1…))))`, 30 000 brackets (60 KB), at once;
   /health polled every 20 ms throughout (p50, p99, max).
2. One huge record: --huge requests of `RETURN range(1, 20000000)` at once; the server's RSS
   before, at its peak, after.
3. A 300 M-step `reduce` at timeout_ms 1000: the time to the answer; then how long Neo4j
   still lists it (SHOW TRANSACTIONS, cypher/analyst_admin/list_transactions.cypher), in
   what status, and when its slot is free again.
4. Planning: 3 500 UNION ALL parts as reported (refused now), and a text within the
   limits that plans for seconds (a label expression of 1 999 `&`), at timeout_ms 1000.
5. Twice the slots' worth of long scans at once, while the explorer API (a profile lookup)
   is polled: 504s, 429s with Retry-After, and the explorer's latency.
"""

from __future__ import annotations

import argparse
import multiprocessing
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx
import psutil
from neo4j import Driver

from bench.common import api_server, peak_rss_while, percentile, throwaway_neo4j
from core.db import make_driver
from cypher import query
from service.analyst.limits import APP_TAG

# The attacks as reported (issue 14), tests/integration/analyst/test_analyst_attacks.py's
# too; analyst text, so inline like bench/analyst_endpoint.py's.
NESTED = "RETURN " + "(" * 30_000 + "1" + ")" * 30_000  # 60 KB
HUGE = "RETURN range(1, 20000000) AS big"  # one record of ~100 MB on the wire
REDUCE = "RETURN reduce(s = 0, x IN range(1, 300000000) | s + x) AS total"
UNIONS = " UNION ALL ".join(["RETURN 1 AS x"] * 3500)  # as reported: 84 KB
SLOW_PLAN = "MATCH (n:" + "&".join(["A"] * 1999) + ") RETURN n"  # within the limits
SCAN = "UNWIND range(1, 1000000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n"
PROBE = "UNWIND range(1, 3000000) AS x RETURN count(x) AS n"


class Poll:
    """GET url every 20 ms from another process (this one's threads would compete with it
    for the GIL) while the block runs: latencies (ms) and statuses."""

    def __init__(self, url: str) -> None:
        self.url, self.ms, self.statuses = url, [], Counter[int]()  # type: ignore[var-annotated]
        context = multiprocessing.get_context("spawn")
        self._ready, self._stop, self._results = context.Event(), context.Event(), context.Queue()
        self._process = context.Process(target=_poll, args=(url, self._ready, self._stop,
                                                            self._results))

    def __enter__(self) -> Poll:
        self._process.start()
        self._ready.wait(60)  # the process has started and made its connection
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.ms, statuses = self._results.get(timeout=60)
        self.statuses = Counter(statuses)
        self._process.join()

    def summary(self) -> str:
        """Polls, statuses and latencies, one line."""
        ms = self.ms or [0.0]
        return (f"{len(self.ms)} polls {dict(self.statuses)}, p50 {percentile(ms, 50):.1f} ms, "
                f"p99 {percentile(ms, 99):.1f} ms, max {max(ms):.1f} ms")


def _poll(url: str, ready: Any, stop: Any, results: Any) -> None:
    """The polling process: GET until stopped, then hand back latencies and statuses."""
    times, statuses = [], []
    with httpx.Client(timeout=30) as client:
        client.get(url)  # a connection made, before anything is timed
        ready.set()
        while not stop.is_set():
            began = time.perf_counter()
            statuses.append(client.get(url).status_code)
            times.append((time.perf_counter() - began) * 1000)
            time.sleep(0.02)
    results.put((times, statuses))


def at_once(count: int, call: Callable[[], Any]) -> list[Any]:
    """count calls started together in threads; their results."""
    results: list[Any] = [None] * count
    start = threading.Barrier(count)

    def one(index: int) -> None:
        start.wait()
        results[index] = call()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def post(base: str, body: dict[str, Any], timeout_s: float = 300
         ) -> tuple[int, float, httpx.Response]:
    """POST /api/v1/cypher: status, seconds, response."""
    began = time.perf_counter()
    response = httpx.post(f"{base}/api/v1/cypher", json=body, timeout=timeout_s)
    return response.status_code, time.perf_counter() - began, response


def statuses(results: list[tuple[int, float, httpx.Response]]) -> str:
    """Statuses counted, and the slowest answer."""
    counted = Counter(status for status, _, _ in results)
    return f"{dict(counted)}, slowest answer {max(t for _, t, _ in results):.2f} s"


def nesting(base: str, count: int) -> None:
    """Phase 1."""
    with Poll(f"{base}/health") as health:
        results = at_once(count, lambda: post(base, {"query": NESTED}))
    print(f"1. {count} nesting attacks at once: {statuses(results)}; /health during: "
          f"{health.summary()}")


def huge(base: str, pid: int, count: int) -> None:
    """Phase 2."""
    results: list[Any] = []
    with Poll(f"{base}/health") as health:
        before, peak = peak_rss_while(pid, lambda: results.extend(
            at_once(count, lambda: post(base, {"query": HUGE}))))
    reasons = Counter(r.json().get("truncated_reason") for s, _, r in results if s == 200)
    after = _rss(pid)
    print(f"2. {count} x `RETURN range(1, 20000000)` at once: {statuses(results)}, "
          f"truncated_reason {dict(reasons)}; server RSS {before / 2**20:.0f} MiB before, "
          f"peak {peak / 2**20:.0f} MiB (growth {(peak - before) / 2**20:.1f} MiB, target < 200),"
          f" {after / 2**20:.0f} MiB after; /health during: {health.summary()}")


def _rss(pid: int) -> int:
    return int(psutil.Process(pid).memory_info().rss)


def after_deadline(base: str, driver: Driver, concurrency: int, label: str, text: str) -> None:
    """Phases 3 and 4: the answer at timeout_ms 1000; then Neo4j's side and the slots."""
    with Poll(f"{base}/health") as health:
        status, took, _ = post(base, {"query": text, "timeout_ms": 1000})
    answered = time.monotonic()
    seen: Counter[str] = Counter()
    slot_free_at = None
    while time.monotonic() - answered < 120:
        listed = _transactions(driver)
        seen.update(str(t["status"]).split(" with ")[0] for t in listed)
        if slot_free_at is None and _all_slots_free(base, concurrency):
            slot_free_at = time.monotonic() - answered
        if not listed:
            break
        time.sleep(0.25)
    gone = time.monotonic() - answered
    print(f"{label}: {status} after {took:.2f} s (target <= 1.5 s); Neo4j listed it for "
          f"{gone:.1f} s more (statuses seen, per 0.25 s look: {dict(seen)}); all slots were "
          f"free again {slot_free_at or gone:.1f} s after the answer; /health: "
          f"{health.summary()}")


def _all_slots_free(base: str, concurrency: int) -> bool:
    """Whether as many queries as there are slots run at once (each takes a few hundred ms,
    so they overlap)."""
    return all(status == 200 for status, _, _ in at_once(
        concurrency, lambda: post(base, {"query": PROBE})))


def _transactions(driver: Driver) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(query("analyst_admin/list_transactions"), app=APP_TAG,
                                         request=None)
    return [dict(record) for record in records]


def crowd(base: str, driver: Driver, concurrency: int) -> None:
    """Phase 5."""
    explorer = f"{base}/api/v1/authors/nobody"
    httpx.get(explorer, timeout=30)  # its first call plans the query
    count = 2 * concurrency
    with Poll(f"{base}/health") as health, Poll(explorer) as profile:
        results = at_once(count, lambda: post(base, {"query": SCAN, "timeout_ms": 1500}))
    retry = sorted({r.headers.get("Retry-After") for s, _, r in results if s == 429})
    print(f"5. {count} long scans at once ({concurrency} slots): {statuses(results)}, "
          f"Retry-After {retry}; explorer (404 profile) during: {profile.summary()}; /health: "
          f"{health.summary()}")
    while _transactions(driver):
        time.sleep(0.25)


def run(concurrency: int, nestings: int, huges: int) -> None:
    """Start Neo4j and the API, attack, print."""
    with throwaway_neo4j() as settings, make_driver(settings) as driver, api_server(
            settings, env={"PEERGRAPH_ANALYST_CONCURRENCY": str(concurrency)}) as served:
        base = served.base
        nesting(base, nestings)
        huge(base, served.pid, huges)
        after_deadline(base, driver, concurrency, "3. 300 M-step reduce at timeout_ms 1000",
                       REDUCE)
        status, took, response = post(base, {"query": UNIONS, "timeout_ms": 1000})
        print(f"4a. 3 500 UNION ALL parts: {status} after {took:.2f} s: "
              f"{response.json().get('detail', '')[:70]}")
        after_deadline(base, driver, concurrency,
                       "4b. a 1 999-`&` label expression at timeout_ms 1000", SLOW_PLAN)
        crowd(base, driver, concurrency)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=2,
                        help="PEERGRAPH_ANALYST_CONCURRENCY of the server (default 2)")
    parser.add_argument("--nesting", type=int, default=40)
    parser.add_argument("--huge", type=int, default=3)
    arguments = parser.parse_args()
    run(arguments.concurrency, arguments.nesting, arguments.huge)
