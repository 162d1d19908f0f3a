"""Scoring benchmark: full and incremental rescoring, PageRank vs networkx, batched writes.

Usage: .venv/bin/python -m bench.score --uri bolt://127.0.0.1:7690 --password-file PATH
(or PEERGRAPH_NEO4J_URI / PEERGRAPH_NEO4J_PASSWORD). Every figure is a ratio against a
baseline measured in the same process. It writes scores (that is what a rescoring does) and
touches `changed_at` on 1 % of the authors; it deletes only what scoring itself wrote, and
only with --reset (so that the first full run is a first run again).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from neo4j import Driver, RoutingControl

from bench.common import bench_query, settings_from
from core.db import apply_schema, make_driver
from core.graph import Graph
from scoring import graph_reads
from scoring.propagation import DAMPING, trust_rank
from scoring.run import RunOptions, RunSummary, rescore

TOUCH = ("UNWIND $ids AS id MATCH (a:Author {id: id}) SET a.changed_at = datetime() "
         "RETURN count(a) AS n")


class PhaseTimer:
    """A reporter that records each phase's wall time, and its CPU seconds of this process
    and (with a pid) of Neo4j: on a shared machine CPU time says more than wall time."""

    def __init__(self, neo4j_pid: int | None = None) -> None:
        self.times: dict[str, tuple[float, ...]] = {}
        self.neo4j_pid = neo4j_pid
        self._name, self._began = "", self._now()

    def _now(self) -> tuple[float, ...]:
        cpu = os.times()
        return (time.perf_counter(), cpu.user + cpu.system, process_cpu_s(self.neo4j_pid))

    def phase(self, name: str, total: int | None = None) -> None:
        now = self._now()
        if self._name:
            before = self.times.get(self._name, (0.0, 0.0, 0.0))
            self.times[self._name] = tuple(t + n - b for t, n, b in
                                           zip(before, now, self._began, strict=True))
        self._name, self._began = name, now

    def advance(self, n: int = 1) -> None:
        """Nothing to record per item."""

    def close(self) -> dict[str, str]:
        self.phase("")
        return {k: "/".join(f"{x:.1f}" for x in (v if self.neo4j_pid else v[:2]))
                for k, v in self.times.items()}


def process_cpu_s(pid: int | None) -> float:
    """CPU seconds (user + system) a process has used so far; 0 without a pid (Linux)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_gib() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def timed_run(driver: Driver, db: str, full: bool, neo4j_pid: int | None
              ) -> tuple[RunSummary, dict[str, str]]:
    """One rescoring with per-phase times (wall/Python CPU[/Neo4j CPU] seconds)."""
    timer = PhaseTimer(neo4j_pid)
    summary = rescore(driver, db, RunOptions(full=full, lease_s=600, batch=5_000), timer)
    return summary, timer.close()


def reset_scoring(driver: Driver, db: str) -> None:
    """Delete what scoring wrote (pairs, computed topics, scores), so the next full run is a
    first run again."""
    for name in ("scoring/delete_all_collaborations", "scoring/delete_computed_topics",
                 "scoring/delete_all_scores"):
        with driver.session(database=db) as session:  # CALL IN TRANSACTIONS: auto-commit
            session.run(bench_query(name)).consume()


def pagerank_comparison(driver: Driver, db: str, seed_share: float,
                        max_authors: int) -> dict[str, Any]:
    """Our sparse TrustRank against networkx's personalised PageRank, same graph and tol
    (the subgraph of the first `max_authors` authors with collaborators: networkx needs
    about 1 KB of memory per edge)."""
    trust = graph_reads.read_trust_inputs(Graph(driver, db))
    index = {a: i for i, a in enumerate(trust.ids)}
    pairs = graph_reads.read_pairs(Graph(driver, db), index)
    from scoring.collaboration import collaboration_matrix

    weights = collaboration_matrix(pairs, len(index))
    degree = np.asarray(weights.sum(axis=1)).ravel()
    keep = np.flatnonzero(degree > 0)[:max_authors]
    weights = weights[keep][:, keep].tocsr()
    degree = np.asarray(weights.sum(axis=1)).ravel()
    keep = np.flatnonzero(degree > 0)  # networkx spreads dangling mass; ours does not
    weights = weights[keep][:, keep].tocsr()
    rng = np.random.default_rng(1)
    seeds = rng.random(len(keep)) < seed_share
    tol = 1e-9  # both libraries stop when the L1 change is below n * tol
    began = time.perf_counter()
    ours = trust_rank(weights, seeds, tol=tol, max_iter=1000)
    ours_s = time.perf_counter() - began
    graph = nx.from_scipy_sparse_array(weights)
    personalization = {int(i): 1.0 for i in np.flatnonzero(seeds)}
    began = time.perf_counter()
    theirs = nx.pagerank(graph, alpha=DAMPING, personalization=personalization, tol=tol,
                         max_iter=1000, weight="weight")
    nx_s = time.perf_counter() - began
    theirs_arr = np.array([theirs[i] for i in range(len(keep))])
    gap = float(np.abs(ours / seeds.sum() - theirs_arr).max())
    return {"nodes": len(keep), "edges": weights.nnz // 2, "seeds": int(seeds.sum()),
            "ours_s": ours_s, "networkx_s": nx_s, "speedup": nx_s / ours_s, "max_gap": gap}


def write_comparison(driver: Driver, db: str, sample: int) -> dict[str, Any]:
    """Batched UNWIND write-back against one SET statement per author, same rows."""
    records, _, _ = driver.execute_query(
        "MATCH (a:Author) WHERE a.trust_score IS NOT NULL RETURN a.id AS id, "
        "a.trust_score AS value, a.trust_band AS band, a.trust_breakdown AS breakdown, "
        "a.verification_level AS level, a.verification_label AS label, "
        "a.verification_reasons AS reasons LIMIT $n", n=sample, database_=db,
        routing_=RoutingControl.READ)
    rows = [{"id": r["id"], "value": r["value"], "band": r["band"],
             "breakdown": r["breakdown"], "verification_level": r["level"],
             "verification_label": r["label"], "verification_reasons": r["reasons"]}
            for r in records]
    began = time.perf_counter()
    for row in rows:
        driver.execute_query(bench_query("scoring/set_author_score"), row, database_=db)
    per_row_s = time.perf_counter() - began
    began = time.perf_counter()
    for first in range(0, len(rows), 5_000):  # one UNWIND statement per batch
        driver.execute_query(bench_query("scoring/set_author_scores"),
                             rows=rows[first:first + 5_000], database_=db)
    batched_s = time.perf_counter() - began
    return {"rows": len(rows), "per_row_s": per_row_s, "batched_s": batched_s,
            "speedup": per_row_s / batched_s}


def counts(driver: Driver, db: str) -> dict[str, int]:
    """Works, authors and collaboration pairs in the graph."""
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (w:Work) RETURN count(w) AS works } "
        "CALL () { MATCH (a:Author) RETURN count(a) AS authors } "
        "CALL () { MATCH ()-[c:COLLABORATES_WITH]->() RETURN count(c) AS pairs } "
        "RETURN works, authors, pairs", database_=db, routing_=RoutingControl.READ)
    return dict(records[0])


def touch_authors(driver: Driver, db: str, share: float) -> int:
    """Mark a seeded random share of the authors as changed (what a loader does)."""
    records, _, _ = driver.execute_query("MATCH (a:Author) RETURN a.id AS id", database_=db,
                                         routing_=RoutingControl.READ)
    ids = sorted(r["id"] for r in records)
    chosen = random.Random(5).sample(ids, max(1, int(len(ids) * share)))
    driver.execute_query(TOUCH, ids=chosen, database_=db)
    return len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for flag in ("--uri", "--user", "--password", "--password-file", "--database"):
        parser.add_argument(flag, help="default: the PEERGRAPH_NEO4J_* variables")
    parser.add_argument("--write-sample", type=int, default=5_000)
    parser.add_argument("--pagerank-authors", type=int, default=200_000)
    parser.add_argument("--skip-steady", action="store_true",
                        help="skip the second full run on an unchanged graph")
    parser.add_argument("--reset", action="store_true",
                        help="first delete what scoring wrote (pairs, computed topics, "
                             "scores), so the first full run writes everything")
    parser.add_argument("--neo4j-pid-file", type=Path,
                        help="Neo4j's pid file (e.g. HOME/launcher.pid): phases then also "
                             "show Neo4j's CPU seconds")
    args = parser.parse_args()
    settings = settings_from(args)
    db = settings.neo4j_database
    pid = int(args.neo4j_pid_file.read_text().strip()) if args.neo4j_pid_file else None
    print(f"load average {os.getloadavg()}; phases in s: wall/Python CPU"
          + ("/Neo4j CPU" if pid else ""))
    with make_driver(settings) as driver:
        apply_schema(driver, db)
        if args.reset:
            reset_scoring(driver, db)
        print("graph before:", counts(driver, db))
        full, phases = timed_run(driver, db, True, pid)
        print(f"full rescoring: {full.seconds:.1f}s, {full.authors_scored:,} authors, "
              f"peak RSS {peak_rss_gib():.2f} GiB, stats {full.stats}")
        print("  phases:", phases)
        if not args.skip_steady:
            steady, phases = timed_run(driver, db, True, pid)
            print(f"full rescoring, unchanged graph: {steady.seconds:.1f}s "
                  f"({steady.seconds / full.seconds:.2f}x the first), stats {steady.stats}")
            print("  phases:", phases)
        touched = touch_authors(driver, db, 0.01)
        incremental, phases = timed_run(driver, db, False, pid)
        print(f"incremental after {touched:,} authors (1 %) changed: "
              f"{incremental.seconds:.1f}s = {incremental.seconds / full.seconds:.1%} of the "
              f"full run; {incremental.authors_scored:,} rescored, stats {incremental.stats}")
        print("  phases:", phases)
        print(f"load average {os.getloadavg()}")
        pagerank = pagerank_comparison(driver, db, 0.01, args.pagerank_authors)
        print(f"PageRank on {pagerank['nodes']:,} authors / {pagerank['edges']:,} pairs: ours "
              f"{pagerank['ours_s']:.2f}s, networkx {pagerank['networkx_s']:.2f}s -> "
              f"{pagerank['speedup']:.1f}x (max difference {pagerank['max_gap']:.1e})")
        writes = write_comparison(driver, db, args.write_sample)
        print(f"write-back of {writes['rows']:,} authors: per-row SET {writes['per_row_s']:.2f}s,"
              f" batched {writes['batched_s']:.2f}s -> {writes['speedup']:.1f}x")
        print(f"peak RSS of this process: {peak_rss_gib():.2f} GiB")


if __name__ == "__main__":
    main()
