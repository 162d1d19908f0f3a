"""One rescoring run: take the lock, compute, stage, switch; all or nothing for readers."""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass, field

from neo4j import Driver

from core.graph import Graph
from core.settings import default
from scoring import run_records
from scoring.context import Context, Reporter, SilentReporter
from scoring.full_pass import full_pass
from scoring.graph_reads import read_topic_model
from scoring.incremental_pass import incremental_pass
from scoring.lock import scoring_lock
from scoring.run_records import LastRun
from scoring.topics import TopicModel
from scoring.trust import SCORE_VERSION

log = logging.getLogger("peergraph.scoring")


@dataclass
class RunSummary:
    """What a run did."""

    run_id: str
    mode: str
    status: str
    authors_scored: int
    seconds: float
    stats: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RunOptions:
    """How to run: full or incremental, lock wait, lease, batch, history (settings' defaults)."""

    full: bool = False
    wait_s: float = 0.0
    lease_s: int = default("rescore_lease_s")
    batch: int = default("rescore_batch_size")
    keep: int = default("rescore_history")


def new_run_id() -> str:
    """A sortable, unique run id, e.g. 20250101T030000-1a2b3c."""
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + secrets.token_hex(3)


def rescore(driver: Driver, database: str, options: RunOptions | None = None,
            reporter: Reporter | None = None) -> RunSummary:
    """Run one rescoring under the lock; raise Conflict if another run holds it."""
    options = options or RunOptions()
    run_id, began = new_run_id(), time.perf_counter()
    # Neo4j's own errors: a failing run raises them as they are (its callers log or show them).
    graph = Graph(driver, database, map_errors=False)
    with scoring_lock(graph, run_id, options.lease_s, options.wait_s) as lease:
        notes = run_records.recover_unfinished(graph, options.keep)
        last = None if options.full else run_records.last_completed(graph)
        if last is None and not options.full:
            notes.append("no completed run yet: running a full rescoring")
        elif last is not None and last.version != SCORE_VERSION:
            # an incremental run would rescore only the changed authors: the rest would keep
            # the old version's scores beside the new ones
            notes.append(f"the last run scored with {last.version or 'an earlier version'}: "
                         f"running a full rescoring so every author is on {SCORE_VERSION}")
            last = None
        model = read_topic_model(graph) if last else None
        mode = "incremental" if last else "full"
        ctx = Context(graph, run_id, options.batch, reporter or SilentReporter(),
                      checks=[lease.check])
        run_records.create_run(graph, run_id, mode, SCORE_VERSION)
        scored = _compute(ctx, mode, last, model)
        _publish(ctx, scored, options.keep)
    return RunSummary(run_id, mode, "completed", scored, time.perf_counter() - began,
                      ctx.stats, notes)


def _compute(ctx: Context, mode: str, last: LastRun | None,
             model: TopicModel | None) -> int:
    """The pass itself; on any failure the staged scores are dropped and the run failed."""
    try:
        if mode == "full" or last is None:
            scored = full_pass(ctx)
        else:
            scored = incremental_pass(ctx, last.started, model)
        ctx.writer.wait()  # a pass that stages nothing may return with writes queued
        return scored
    except BaseException as exc:
        ctx.writer.abandon()  # no write of a failing run goes on behind its back
        _fail(ctx, exc)
        raise


def _publish(ctx: Context, scored: int, keep: int) -> None:
    """Switch the staged scores in; a switch cut short is finished by the next run."""
    ctx.check()
    run_records.set_status(ctx.graph, ctx.run_id, "switching", scored, details=dict(ctx.stats))
    ctx.reporter.phase("publishing scores")
    run_records.publish(ctx.graph, ctx.run_id, keep)
    run_records.set_status(ctx.graph, ctx.run_id, "completed", scored)


def _fail(ctx: Context, exc: BaseException) -> None:
    """Drop the run's staged scores and record why it failed (best effort)."""
    reason = f"{type(exc).__name__}: {exc}"[:500]
    try:
        ctx.graph.autocommit("scoring/delete_run_scores", run_id=ctx.run_id)
        run_records.set_status(ctx.graph, ctx.run_id, "failed", error=reason)
    except Exception:  # the database may be what failed: the next run cleans up
        log.warning("could not record the failure of run %s", ctx.run_id, exc_info=True)
