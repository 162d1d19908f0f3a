"""One rescoring at a time: a lock in the graph with a lease, and the (:ScoringRun) records."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from neo4j import Driver, RoutingControl

from core.errors import Conflict
from cypher import query
from scoring import graph_io

log = logging.getLogger("peergraph.scoring")

LOCK_NAME = "scoring"


@dataclass(frozen=True)
class LastRun:
    """The latest completed run."""

    id: str
    started: Any  # neo4j DateTime
    mode: str


class LeaseLost(RuntimeError):
    """Another job took the lock after our lease expired: this run must stop."""


class Lease:
    """Holds the lock while a run works, renewing it in the background every third of a lease."""

    def __init__(self, driver: Driver, database: str, owner: str, lease_s: int) -> None:
        self.driver, self.database, self.owner, self.lease_s = driver, database, owner, lease_s
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._renew_loop, daemon=True,
                                        name=f"lease-{owner}")

    def check(self) -> None:
        """Raise LeaseLost if a renewal found the lock taken by someone else."""
        if self.lost.is_set():
            raise LeaseLost(f"run {self.owner} lost the scoring lock (its lease expired)")

    def _renew_loop(self) -> None:
        while not self._stop.wait(self.lease_s / 3):
            try:
                records, _, _ = self.driver.execute_query(
                    query("scoring/renew_lock"), name=LOCK_NAME, owner=self.owner,
                    lease_s=self.lease_s, database_=self.database)
                if not records[0]["renewed"]:
                    self.lost.set()
                    return
            except Exception:  # a blip: the lease has two more thirds to be renewed in
                log.warning("could not renew the scoring lock; retrying", exc_info=True)

    def start(self) -> None:
        """Begin renewing."""
        self._thread.start()

    def stop(self) -> None:
        """Stop renewing (the lock itself is released separately)."""
        self._stop.set()
        self._thread.join(timeout=5)


def try_acquire(driver: Driver, database: str, owner: str, lease_s: int) -> tuple[bool, str]:
    """(acquired, holder description) for the scoring lock."""
    records, _, _ = driver.execute_query(query("scoring/acquire_lock"), name=LOCK_NAME,
                                         owner=owner, lease_s=lease_s, database_=database)
    record = records[0]
    expires = record["expires"].to_native().isoformat(timespec="seconds")
    return bool(record["acquired"]), f"run {record['owner']} (lease until {expires})"


@contextmanager
def scoring_lock(driver: Driver, database: str, owner: str, lease_s: int,
                 wait_s: float = 0.0) -> Iterator[Lease]:
    """Hold the scoring lock for the block; raise Conflict if another run holds it."""
    deadline = time.monotonic() + wait_s
    while True:
        acquired, holder = try_acquire(driver, database, owner, lease_s)
        if acquired:
            break
        if time.monotonic() >= deadline:
            raise Conflict(f"Another rescoring is running: {holder}. Wait for it, or run with "
                           "--wait SECONDS; a crashed job's lock frees itself when its lease "
                           "ends.")
        time.sleep(min(5.0, max(0.1, deadline - time.monotonic())))
    lease = Lease(driver, database, owner, lease_s)
    lease.start()
    try:
        yield lease
    finally:
        lease.stop()
        driver.execute_query(query("scoring/release_lock"), name=LOCK_NAME, owner=owner,
                             database_=database)


def create_run(driver: Driver, database: str, run_id: str, mode: str, version: str) -> Any:
    """Record a new running run; returns its start (the database's clock)."""
    records, _, _ = driver.execute_query(query("scoring/create_run"), id=run_id, mode=mode,
                                         version=version, database_=database)
    return records[0]["started"]


def set_status(driver: Driver, database: str, run_id: str, status: str,
               authors_scored: int | None = None, error: str | None = None,
               details: dict[str, Any] | None = None) -> None:
    """Move a run to `status` (a final status also records `finished`)."""
    driver.execute_query(query("scoring/set_run_status"), id=run_id, status=status,
                         authors_scored=authors_scored, error=error, details=details or {},
                         database_=database)


def last_completed(driver: Driver, database: str) -> LastRun | None:
    """The latest completed run, or None."""
    records, _, _ = driver.execute_query(query("scoring/get_last_completed_run"),
                                         database_=database, routing_=RoutingControl.READ)
    return LastRun(records[0]["id"], records[0]["started"], records[0]["mode"]) \
        if records else None


def recover_unfinished(driver: Driver, database: str, keep: int) -> list[str]:
    """Under the lock: finish crashed switches, fail crashed runs and drop their scores."""
    records, _, _ = driver.execute_query(query("scoring/list_unfinished_runs"),
                                         database_=database)
    notes = []
    for record in records:
        run_id, status = record["id"], record["status"]
        if status == "switching":  # every score was staged: roll the switch forward
            publish(driver, database, run_id, keep)
            set_status(driver, database, run_id, "completed")
            notes.append(f"finished the interrupted switch of run {run_id}")
        else:
            graph_io.run_autocommit(driver, database, "scoring/delete_run_scores",
                                    run_id=run_id)
            set_status(driver, database, run_id, "failed",
                       error="the job stopped before it finished (its lease expired)")
            notes.append(f"marked run {run_id} failed and dropped its staged scores")
    return notes


def publish(driver: Driver, database: str, run_id: str, keep: int) -> None:
    """Copy the run's staged scores onto their authors, then prune history to `keep`."""
    graph_io.run_autocommit(driver, database, "scoring/switch_scores", run_id=run_id)
    graph_io.run_autocommit(driver, database, "scoring/prune_scores", run_id=run_id, keep=keep)


def list_runs(driver: Driver, database: str, skip: int, limit: int) -> list[dict[str, Any]]:
    """Runs, newest first, as plain dicts (datetimes as ISO strings)."""
    records, _, _ = driver.execute_query(query("scoring/list_runs"), skip=skip, limit=limit,
                                         database_=database, routing_=RoutingControl.READ)
    return [{k: _iso(v) for k, v in r.items()} for r in records]


def _iso(value: Any) -> Any:
    """A neo4j DateTime as an ISO string; anything else unchanged."""
    return value.iso_format() if hasattr(value, "iso_format") else value
