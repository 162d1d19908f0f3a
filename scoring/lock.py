"""One rescoring at a time: a lock in the graph, held under a lease renewed in the background."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from core.errors import Conflict
from core.graph import Graph
from core.values import native

log = logging.getLogger("peergraph.scoring")

LOCK_NAME = "scoring"


class LeaseLost(RuntimeError):
    """Another job took the lock after our lease expired: this run must stop."""


class Lease:
    """Holds the lock while a run works, renewing it in the background every third of a lease."""

    def __init__(self, graph: Graph, owner: str, lease_s: int) -> None:
        self.graph, self.owner, self.lease_s = graph, owner, lease_s
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
                records = self.graph.write("scoring/renew_lock", name=LOCK_NAME,
                                           owner=self.owner, lease_s=self.lease_s)
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


def try_acquire(graph: Graph, owner: str, lease_s: int) -> tuple[bool, str]:
    """(acquired, holder description) for the scoring lock."""
    record = graph.write("scoring/acquire_lock", name=LOCK_NAME, owner=owner,
                         lease_s=lease_s)[0]
    expires = native(record["expires"]).isoformat(timespec="seconds")
    return bool(record["acquired"]), f"run {record['owner']} (lease until {expires})"


@contextmanager
def scoring_lock(graph: Graph, owner: str, lease_s: int, wait_s: float = 0.0
                 ) -> Iterator[Lease]:
    """Hold the scoring lock for the block; raise Conflict if another run holds it."""
    deadline = time.monotonic() + wait_s
    while True:
        acquired, holder = try_acquire(graph, owner, lease_s)
        if acquired:
            break
        if time.monotonic() >= deadline:
            raise Conflict(f"Another rescoring is running: {holder}. Wait for it, or run with "
                           "--wait SECONDS; a crashed job's lock frees itself when its lease "
                           "ends.")
        time.sleep(min(5.0, max(0.1, deadline - time.monotonic())))
    lease = Lease(graph, owner, lease_s)
    lease.start()
    try:
        yield lease
    finally:
        lease.stop()
        graph.write("scoring/release_lock", name=LOCK_NAME, owner=owner)
