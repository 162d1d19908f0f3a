"""Load test with locust: a mix of API reads at 16, 32 and 64 concurrent clients, optionally
with a rescoring and a load writing to the same graph (--with-writers).

Usage: .venv/bin/python -m bench.load_test --uri bolt://127.0.0.1:7690
       --password-file /work/bigdb/password [--users 16,32,64] [--duration 60] [--workers 2]
       [--base-url http://…] [--with-writers [--rescore full|incremental] [--new-works 2000]]
The service is started with uvicorn (--workers processes) unless --base-url is given; the
clients run in a second process (bench/load_test_swarm.py). Ids come from the graph: typical
authors as bench/api.py picks them, their works and topics. Prints a table per level and
writes everything to --out (JSON). With --with-writers it WRITES to the graph: new works and
a rescoring. PEERGRAPH_NEO4J_URI / PEERGRAPH_NEO4J_PASSWORD are used when no flag is given."""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from bench.api import typical_authors
from bench.common import api_server, settings_from
from bench.load_test_checks import format_table
from bench.load_test_writers import verify_observed, write_new_works, writer_env, writers
from core.db import count_graph, make_driver
from core.settings import PROJECT_ROOT, Settings
from loaders.synthetic import WORK_BASE

# The analyst's query: a small parameterised read (its EXPLAIN is cached after the first call).
ANALYST_QUERY = ("MATCH (a:Author {id: $id})-[:AUTHORED]->(w:Work) "
                 "RETURN w.id AS id, w.title AS title, w.year AS year "
                 "ORDER BY year DESC LIMIT 10")


def sample_ids(http: httpx.Client, authors: list[str]) -> dict[str, list[str]]:
    """Neighbourhood centres (authors, their works, their topics) and search terms."""
    works: list[str] = []
    topics: dict[str, None] = {}
    terms: set[str] = set()
    for author in authors[:100]:
        page = http.get(f"/api/v1/authors/{quote(author, safe=':/')}/works",
                        params={"limit": 5}).raise_for_status().json()
        for item in page["items"]:
            works.append(item["id"])
            terms.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", item["title"] or ""))
        profile = http.get(f"/api/v1/authors/{quote(author, safe=':/')}").raise_for_status()
        body = profile.json()
        topics.update((t["id"], None) for t in body["top_topics"][:2])
        terms.update(body["name"].split()[-1:] if body["name"] else [])
    search_terms = sorted(terms)
    random.Random(7).shuffle(search_terms)
    return {"authors": authors, "centres": authors + works[:len(authors) // 2] + list(topics)[:20],
            "search_terms": search_terms[:60] or ["graph"]}


def swarm(base: str, ids: dict[str, Any], users: int, args: argparse.Namespace, out: Path,
          checkers: int = 0, stop_file: Path | None = None) -> subprocess.Popen[bytes]:
    """Start the locust process for one level; it writes its results to `out`."""
    spec = {"base_url": base, "users": users, "checkers": checkers, "think_s": args.think,
            "warmup_s": args.warmup, "duration_s": args.duration,
            "max_s": args.max_duration if stop_file else args.duration,
            "stop_file": str(stop_file) if stop_file else None,
            "ready_file": str(out.with_suffix(".recording")), "ids": ids,
            "cypher": {"query": ANALYST_QUERY}}
    spec_file = out.with_suffix(".spec.json")
    spec_file.write_text(json.dumps(spec))
    return subprocess.Popen([sys.executable, "-m", "bench.load_test_swarm", str(spec_file),
                             str(out)], cwd=PROJECT_ROOT)


def finish(process: subprocess.Popen[bytes], out: Path) -> dict[str, Any]:
    """Wait for a locust process and read its results."""
    if process.wait() != 0:
        raise SystemExit(f"the locust process failed (exit {process.returncode})")
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def print_level(result: dict[str, Any], label: str) -> None:
    """The table of one level, and what went wrong, if anything."""
    title = (f"{label}: {result['users']} clients, {result['seconds']:.0f} s recorded"
             + (f" (+{result['checkers']} checker)" if result["checkers"] else ""))
    print(format_table(title, result["rows"]))
    for message, count in result["error_messages"]:
        print(f"  error x{count}: {message}")
    if result["load_generator_cpu_over_90"]:
        print("  note: the locust process went over 90 % CPU: client-side limits may show")


def run_levels(base: str, ids: dict[str, Any], args: argparse.Namespace,
               out_dir: Path) -> list[dict[str, Any]]:
    """One locust run per concurrency level, one after the other."""
    results = []
    for users in args.users:
        out = out_dir / f"level-{users}.json"
        result = finish(swarm(base, ids, users, args, out), out)
        result["load_average_after"] = os.getloadavg()
        print_level(result, "read-only")
        results.append(result)
    return results


def run_with_writers(base: str, ids: dict[str, Any], args: argparse.Namespace,
                     settings: Settings, out_dir: Path, http: httpx.Client) -> dict[str, Any]:
    """Readers and checkers while a rescoring and a load run; then verify what was seen."""
    offset = args.new_works_offset or int(time.time()) * 100_000
    works_file = out_dir / "new-works.jsonl"
    new_authors = write_new_works(works_file, args.new_works, offset, seed=args.seed)
    half = args.checker_authors // 2
    checked = list(dict.fromkeys(new_authors[:half] + ids["authors"]))[:args.checker_authors]
    out, stop_file = out_dir / "writers.json", out_dir / "stop"
    process = swarm(base, {**ids, "checker_authors": checked}, args.writer_users, args, out,
                    args.checkers, stop_file)
    ready, began = out.with_suffix(".recording"), time.monotonic()
    while not ready.exists() and process.poll() is None and time.monotonic() - began < 300:
        time.sleep(0.2)
    jobs = writers(works_file, out_dir, args.rescore, args.load_batch_size)
    env = writer_env(settings.neo4j_uri, settings.password(), out_dir / "load-state")
    for job in jobs:
        job.start(env)
    print(f"writers started: {', '.join(j.name for j in jobs)} (new works W{WORK_BASE + offset}"
          f"…, {args.new_works} of them; logs in {out_dir})")
    while not all([job.poll() for job in jobs]) and process.poll() is None:  # poll each
        time.sleep(1)
    time.sleep(args.tail)
    stop_file.touch()
    result = finish(process, out)
    for job in jobs:
        job.stop()
    result["writers"] = [job.report() for job in jobs]
    result["consistency"] = verify_observed(http, result.pop("observed"))
    result["new_works"] = {"count": args.new_works, "first_id": f"W{WORK_BASE + offset}"}
    result["verdict"] = verdict(result)
    print_writers(result)
    return result


def verdict(result: dict[str, Any]) -> dict[str, Any]:
    """The target: no reader errors, no inconsistent or unpublished score, writers succeeded."""
    errors = next(r["errors"] for r in result["rows"] if r["request"] == "overall")
    failed = [w["name"] for w in result["writers"] if w["exit_code"] != 0]
    ok = (errors == 0 and result["violation_count"] == 0 and not failed
          and result["consistency"]["problem_count"] == 0)
    return {"met": ok, "reader_errors": errors, "inconsistent_reads": result["violation_count"],
            "unpublished_scores": result["consistency"]["problem_count"],
            "failed_writers": failed}


def print_writers(result: dict[str, Any]) -> None:
    """The readers' table, the writers' outcome and the consistency verdict."""
    print_level(result, "with writers")
    for job in result["writers"]:
        seconds = "-" if job["seconds"] is None else f"{job['seconds']:.0f} s"
        print(f"  {job['name']}: exit {job['exit_code']} after {seconds}: "
              f"{' | '.join(job['tail'][-2:])}")
    check = result["consistency"]
    print(f"  checker: {result['checker_reads']} profile reads, {result['violation_count']} "
          f"inconsistent trust blocks; {check['scores_observed']} distinct scores of "
          f"{check['authors']} authors seen ({check['authors_seen_changing']} authors seen "
          f"changing), {check['problem_count']} not published by exactly one completed run")
    for problem in (result["violations"] + check["problems"])[:10]:
        print(f"    {problem}")
    v = result["verdict"]
    print(f"  target (no reader errors, no half-written scores, writers exit 0): "
          f"{'MET' if v['met'] else 'NOT MET'} ({v['reader_errors']} reader errors, "
          f"{v['inconsistent_reads']} inconsistent reads, {v['unpublished_scores']} scores not "
          f"from one completed run, failed writers: {v['failed_writers'] or 'none'})")


def parse_args() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--uri")
    add("--password-file")
    add("--base-url", help="a running service (default: start uvicorn here)")
    add("--workers", type=int, default=2, help="uvicorn worker processes")
    add("--users", default="16,32,64", help="concurrency levels, comma-separated")
    add("--duration", type=float, default=60, help="seconds recorded per level")
    add("--warmup", type=float, default=5, help="seconds run unrecorded before each level")
    add("--think", type=float, default=0.0, help="seconds each client waits between requests")
    add("--authors", type=int, default=200, help="typical authors to sample")
    add("--out", type=Path, help="results JSON (default .peergraph/load_test/STAMP/…)")
    add("--with-writers", action="store_true", help="a rescoring and a load run meanwhile")
    add("--writer-users", type=int, default=32, help="reader clients in --with-writers")
    add("--checkers", type=int, default=2, help="checker clients in --with-writers")
    add("--checker-authors", type=int, default=100, help="authors the checkers re-read")
    add("--rescore", choices=["full", "incremental"], default="full")
    add("--new-works", type=int, default=2000, help="works the concurrent load adds")
    add("--new-works-offset", type=int, default=0, help="id offset (default: from the clock)")
    add("--seed", type=int, default=11, help="seed of the new works")
    add("--load-batch-size", type=int, default=100)
    add("--tail", type=float, default=10, help="seconds read after the writers finish")
    add("--max-duration", type=float, default=3600, help="cap on a --with-writers run (s)")
    args = parser.parse_args()
    args.users = [int(u) for u in str(args.users).split(",")]
    return args


@contextmanager
def service(args: argparse.Namespace, settings: Settings) -> Iterator[str]:
    """The base URL: the one given, or uvicorn started here."""
    if args.base_url:
        yield args.base_url.rstrip("/")
        return
    with api_server(settings, args.workers) as served:
        yield served.base


def main() -> None:
    """Sample ids, run the levels (or the writers run), print and save the results."""
    args = parse_args()
    settings = settings_from(args)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    out_file = args.out or PROJECT_ROOT / ".peergraph" / "load_test" / stamp / "results.json"
    out_file.parent.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"started": stamp, "load_average_before": os.getloadavg(),
                              "cpus": os.cpu_count(), "args": {k: str(v) for k, v in
                                                               vars(args).items()}}
    with make_driver(settings) as driver:
        nodes, rels = count_graph(driver, settings.neo4j_database)
        print(f"graph at {settings.neo4j_uri}: {nodes:,} nodes, {rels:,} relationships; "
              f"load average {report['load_average_before'][0]:.2f}")
        report["graph"] = {"uri": settings.neo4j_uri, "nodes": nodes, "relationships": rels}
        authors = [a for a, _ in typical_authors(driver, settings, args.authors)]
    with service(args, settings) as base, httpx.Client(base_url=base, timeout=60) as http, \
            tempfile.TemporaryDirectory(dir=out_file.parent) as scratch:
        ids = sample_ids(http, authors)
        work_dir = out_file.parent if args.with_writers else Path(scratch)
        if args.with_writers:
            report["with_writers"] = run_with_writers(base, ids, args, settings, work_dir, http)
        else:
            report["levels"] = run_levels(base, ids, args, work_dir)
    report["load_average_after"] = os.getloadavg()
    out_file.write_text(json.dumps(report, indent=1, default=str))
    print(f"results: {out_file}")
    if args.with_writers and not report["with_writers"]["verdict"]["met"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
