"""Rescoring on a cron schedule: in the API process (background) or as its own process."""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from neo4j import Driver

from core.errors import ConfigurationError, Conflict
from core.settings import Settings
from scoring.run import RunOptions, rescore

log = logging.getLogger("peergraph.scoring")


def options_from(settings: Settings, full: bool = False, wait_s: float = 0.0) -> RunOptions:
    """Run options from the settings."""
    return RunOptions(full=full, wait_s=wait_s, lease_s=settings.rescore_lease_s,
                      batch=settings.rescore_batch_size, keep=settings.rescore_history)


def cron_trigger(expression: str) -> CronTrigger:
    """A trigger from a crontab line (UTC), or a ConfigurationError saying what is wrong."""
    try:
        return CronTrigger.from_crontab(expression, timezone="UTC")
    except ValueError as exc:
        raise ConfigurationError(
            f"PEERGRAPH_RESCORE_CRON={expression!r} is not a crontab line like '0 3 * * *' "
            f"(minute hour day month weekday): {exc}") from exc


def scheduled_run(driver: Driver, settings: Settings) -> None:
    """One scheduled incremental rescoring; a run already in progress is not an error."""
    try:
        summary = rescore(driver, settings.neo4j_database, options_from(settings))
        log.info("scheduled rescoring %s (%s): %d authors in %.1fs", summary.run_id,
                 summary.mode, summary.authors_scored, summary.seconds)
    except Conflict as exc:
        log.info("scheduled rescoring skipped: %s", exc.detail)
    except Exception:
        log.exception("scheduled rescoring failed (the previous scores stay in place)")


def start_background(driver: Driver, settings: Settings) -> BackgroundScheduler | None:
    """Start rescoring on PEERGRAPH_RESCORE_CRON inside this process; None when it is unset."""
    if not settings.rescore_cron:
        return None
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(scheduled_run, cron_trigger(settings.rescore_cron),
                      args=(driver, settings), id="rescore", max_instances=1, coalesce=True)
    scheduler.start()
    log.info("rescoring scheduled: %s (UTC)", settings.rescore_cron)
    return scheduler


def run_forever(driver: Driver, settings: Settings) -> None:
    """Block, rescoring on PEERGRAPH_RESCORE_CRON (the compose `rescorer` service)."""
    if not settings.rescore_cron:
        raise ConfigurationError("Set PEERGRAPH_RESCORE_CRON (e.g. '0 3 * * *') to rescore on "
                                 "a schedule.")
    scheduler = BlockingScheduler(timezone="UTC")
    scheduler.add_job(scheduled_run, cron_trigger(settings.rescore_cron),
                      args=(driver, settings), id="rescore", max_instances=1, coalesce=True)
    log.info("rescoring on schedule %s (UTC); Ctrl-C to stop", settings.rescore_cron)
    scheduler.start()
