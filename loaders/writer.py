"""The background writer: commits batches in order while the main thread parses the next."""

from __future__ import annotations

import queue
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver, RoutingControl

from cypher import query
from loaders.checkpoints import Checkpoints
from loaders.compact import SeenIds
from loaders.graph_rows import GraphRows, write_rows

MERGE_QUERIES = {"Author": "load/apply_author_merges", "Work": "load/apply_work_merges",
                 "Institution": "load/apply_institution_merges",
                 "Venue": "load/apply_venue_merges"}
QUEUE_DEPTH = 2  # batches waiting; bounds memory whatever the input size
POLL_S = 0.5
SETTLE_BATCH = 5000


class LoadInterrupted(Exception):
    """The load stopped on purpose part-way (a simulated kill); checkpoints are in place."""


@dataclass
class PendingBatch:
    """Rows of whole records from one file, and the last line they cover."""

    path: Path
    rows: GraphRows = field(default_factory=GraphRows)
    records: int = 0
    last_line: int = 0

    def closed_at(self, line: int) -> PendingBatch:
        """This batch, marked as covering every line of its file up to `line`."""
        self.last_line = line
        return self


class BatchWriter:
    """One thread, one transaction per batch, in submission order; then the checkpoint."""

    def __init__(self, driver: Driver, database: str, checkpoints: Checkpoints,
                 stop_after_batches: int | None = None) -> None:
        self.driver, self.database, self.checkpoints = driver, database, checkpoints
        self.stop_after_batches = stop_after_batches
        self.loaded, self.batches = 0, 0
        self.changed: Counter[str] = Counter()
        self.error: BaseException | None = None
        self.seen = SeenIds()  # only this thread touches it: batches commit in order
        self._queue: queue.Queue[PendingBatch | None] = queue.Queue(maxsize=QUEUE_DEPTH)
        self._thread = threading.Thread(target=self._run, name="peergraph-writer", daemon=True)
        self._thread.start()

    def submit(self, batch: PendingBatch) -> None:
        """Queue a batch (blocks while the queue is full); raises the writer's error if any."""
        while True:
            self._raise_error()
            try:
                self._queue.put(batch, timeout=POLL_S)
                return
            except queue.Full:
                continue

    def close(self) -> None:
        """Wait for every queued batch to be committed; raises the writer's error if any."""
        self.submit_end()
        self._thread.join()
        self._raise_error()

    def submit_end(self) -> None:
        """Tell the thread no more batches come."""
        while self._thread.is_alive():
            try:
                self._queue.put(None, timeout=POLL_S)
                return
            except queue.Full:
                continue

    def stop(self) -> None:
        """Stop after the batch in flight (used when the main loop fails or is interrupted)."""
        while True:  # drop what waits: those lines are not checkpointed, a resume redoes them
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self.submit_end()
        self._thread.join()

    def _raise_error(self) -> None:
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        """Commit each batch, then move its file's checkpoint; stop at the first error."""
        while (batch := self._queue.get()) is not None:
            try:
                self._commit(batch)
            except BaseException as exc:  # handed to the main thread, which decides
                self.error = exc
                return

    def _commit(self, batch: PendingBatch) -> None:
        self.seen.compact(batch.rows)
        if len(batch.rows):
            self.changed.update(write_rows(self.driver, self.database, batch.rows))
        self.checkpoints.save(batch.path, batch.last_line)
        self.loaded += batch.records
        self.batches += 1
        if self.stop_after_batches is not None and self.batches >= self.stop_after_batches:
            raise LoadInterrupted(f"stopped after {self.batches} batches, as asked")


def settle_aliases(driver: Driver, database: str) -> int:
    """Re-apply merges whose old id came back in this load; returns how many were applied."""
    applied = 0
    for label, merge_query in MERGE_QUERIES.items():
        records, _, _ = driver.execute_query(query("load/list_resurfaced_aliases"), label=label,
                                             database_=database, routing_=RoutingControl.READ)
        rows = [dict(r) for r in records]
        for start in range(0, len(rows), SETTLE_BATCH):
            driver.execute_query(query(merge_query), rows=rows[start:start + SETTLE_BATCH],
                                 database_=database)
        applied += len(rows)
    return applied
