"""Rescoring soon after a claim is granted, inside the API process.

One background thread runs incremental rescorings one at a time; authors asked for while a run
works wait for the next run, and several asks before a run starts share it. Each run takes the
scoring lock, so it never overlaps a scheduled run or `peergraph rescore`: while one of those
holds it, the worker tries again every few seconds, and everything asked meanwhile shares the
run that follows.
A failure is logged and the caller never sees it: the next run, scheduled or asked for, picks
the author up again (its record's `changed_at` is still newer than the last completed run).

The status is this process's own: with several API processes, a page served by another one
does not know that a rescoring is on its way."""

from __future__ import annotations

import logging
import threading
from typing import Any

from neo4j import Driver

from core.errors import Conflict
from core.settings import Settings
from scoring.run import rescore
from scoring.schedule import options_from

log = logging.getLogger("peergraph.scoring")
LOCK_RETRY_S = 5.0  # while another run holds the scoring lock, how often to try again


class Rescorer:
    """The app's background rescoring after claims: ask with `request`, look with `pending`."""

    def __init__(self, driver: Driver, settings: Settings) -> None:
        self._driver, self._settings = driver, settings
        self._cond = threading.Condition()
        self._queued: set[str] = set()  # asked for, waiting for the next run
        self._running: set[str] = set()  # what the run in progress was asked for
        self._closed = False
        self._thread: threading.Thread | None = None
        self.last_run: str | None = None  # the id of the latest run this worker completed

    def request(self, author_id: str) -> None:
        """Rescore soon (the author's change is already written); returns at once."""
        with self._cond:
            if self._closed:
                return
            self._queued.add(author_id)
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, daemon=True,
                                                name="rescore-after-claim")
                self._thread.start()
            self._cond.notify_all()

    def pending(self, author_id: str) -> bool:
        """Whether a rescoring asked for this author is waiting or running."""
        with self._cond:
            return author_id in self._queued or author_id in self._running

    def wait_idle(self, timeout_s: float | None = None) -> bool:
        """Block until nothing is waiting or running; False when `timeout_s` passed first."""
        with self._cond:
            return self._cond.wait_for(lambda: not (self._queued or self._running), timeout_s)

    def close(self, timeout_s: float = 30.0) -> None:
        """Drop what waits and let a run in progress finish (up to `timeout_s`)."""
        with self._cond:
            self._closed = True
            self._queued.clear()
            self._cond.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout_s)

    def _work(self) -> None:
        """Take everything asked for so far and run once, until closed; while another run
        holds the lock, what was taken goes back and joins what is asked meanwhile."""
        while self._take():
            busy = self._run_once()
            with self._cond:
                if busy:
                    self._queued |= self._running
                self._running = set()
                self._cond.notify_all()
                if busy:
                    self._cond.wait_for(lambda: self._closed, LOCK_RETRY_S)

    def _take(self) -> bool:
        """Wait for a request and move every waiting one to the run; False once closed."""
        with self._cond:
            self._cond.wait_for(lambda: self._queued or self._closed)
            if self._closed:
                self._cond.notify_all()
                return False
            self._running, self._queued = self._queued, set()
            return True

    def _run_once(self) -> bool:
        """One incremental run; True when another run held the scoring lock."""
        options = options_from(self._settings)
        try:
            summary = rescore(self._driver, self._settings.neo4j_database, options)
        except Conflict:  # a scheduled run: it may have read the graph before the claim
            return True
        except Exception:
            log.exception("rescoring after a claim failed (the previous scores stay; the "
                          "next run rescores the author)")
            return False
        self.last_run = summary.run_id
        log.info("rescoring after a claim %s (%s): %d authors in %.1fs", summary.run_id,
                 summary.mode, summary.authors_scored, summary.seconds)
        return False


def _rescorer(owner: Any) -> Rescorer | None:
    """The Rescorer of an app, its state, or a request's app."""
    if hasattr(owner, "app") and hasattr(owner, "scope"):  # a Request: its app's state
        owner = owner.app
    state = getattr(owner, "state", owner)
    found = getattr(state, "rescorer", None)
    return found if isinstance(found, Rescorer) else None


def request_rescore(owner: Any, author_id: str) -> None:
    """Recompute `author_id`'s trust score in the background, soon; returns at once, never
    raises. `owner` is the FastAPI app, `app.state` or the route's Request. Call it after a
    write that changes what scoring reads (a claim granted: its level is already on the
    record); the author must be marked changed (`changed_at`) for the incremental run."""
    rescorer = _rescorer(owner)
    if rescorer is None:
        log.warning("no background rescorer in this app: author %s waits for the next "
                    "scheduled rescoring", author_id)
        return
    rescorer.request(author_id)


def rescore_if_granted(owner: Any, claim: dict[str, Any]) -> None:
    """request_rescore for a claim that ended verified: its record moved to its claimant."""
    if claim.get("status") == "verified":
        request_rescore(owner, claim["author_id"])


def rescore_pending(owner: Any, author_id: str) -> bool:
    """Whether this process has a rescoring of `author_id` waiting or running."""
    rescorer = _rescorer(owner)
    return rescorer is not None and rescorer.pending(author_id)
