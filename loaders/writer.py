"""The background writers: commit batches while the main thread parses the next ones."""

from __future__ import annotations

import queue
import threading
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

from core.graph import Graph
from loaders.checkpoints import Checkpoints
from loaders.compact import SeenIds
from loaders.graph_rows import GraphRows, write_rows
from loaders.work_matching import settle_folds

MERGE_QUERIES = {"Author": "load/apply_author_merges", "Work": "load/apply_work_merges",
                 "Institution": "load/apply_institution_merges",
                 "Venue": "load/apply_venue_merges"}
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
    committed: bool = False

    def closed_at(self, line: int) -> PendingBatch:
        """This batch, marked as covering every line of its file up to `line`."""
        self.last_line = line
        return self


class BatchWriter:
    """`writers` threads, one transaction per batch. Two transactions at once keep Neo4j busy
    on both cores while one commits; a deadlock between them is retried by the driver. A
    file's checkpoint only moves past batches that are all committed, so a resume redoes
    exactly what may be missing."""

    def __init__(self, graph: Graph, checkpoints: Checkpoints,
                 stop_after_batches: int | None = None, writers: int = 1) -> None:
        self.graph, self.checkpoints = graph, checkpoints
        self.stop_after_batches = stop_after_batches
        self.loaded, self.batches = 0, 0
        self.changed: Counter[str] = Counter()
        self.error: BaseException | None = None
        self.seen = SeenIds()
        self._lock = threading.Lock()  # guards seen, the counters and the order below
        self._in_order: deque[PendingBatch] = deque()  # submitted, not yet checkpointed
        self._queue: queue.Queue[PendingBatch | None] = queue.Queue(maxsize=writers + 1)
        self._threads = [threading.Thread(target=self._run, name=f"peergraph-writer-{n}",
                                          daemon=True) for n in range(writers)]
        for thread in self._threads:
            thread.start()

    def submit(self, batch: PendingBatch) -> None:
        """Queue a batch (blocks while the queue is full); raises a writer's error if any."""
        with self._lock:
            self._in_order.append(batch)
        while True:
            self._raise_error()
            try:
                self._queue.put(batch, timeout=POLL_S)
                return
            except queue.Full:
                continue

    def close(self) -> None:
        """Wait for every queued batch to be committed; raises a writer's error if any."""
        self.submit_end()
        self._raise_error()

    def submit_end(self) -> None:
        """Tell every thread no more batches come, and wait for them."""
        for thread in self._threads:
            while thread.is_alive():
                try:
                    self._queue.put(None, timeout=POLL_S)
                    break
                except queue.Full:
                    continue
        for thread in self._threads:
            thread.join()

    def stop(self) -> None:
        """Stop after the batches in flight (the main loop failed or was interrupted)."""
        while True:  # drop what waits: those lines are not checkpointed, a resume redoes them
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self.submit_end()

    def _raise_error(self) -> None:
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        """Commit batches until told to end; stop at the first error (any thread's)."""
        while self.error is None and (batch := self._queue.get()) is not None:
            try:
                self._commit(batch)
            except BaseException as exc:  # handed to the main thread, which decides
                self.error = self.error or exc
                return

    def _commit(self, batch: PendingBatch) -> None:
        with self._lock:
            self.seen.compact(batch.rows)
        changed = write_rows(self.graph, batch.rows) if len(batch.rows) else {}
        with self._lock:
            self.seen.remember(batch.rows)
            self.changed.update(changed)
            batch.committed = True
            self._checkpoint_committed()

    def _checkpoint_committed(self) -> None:
        """Move checkpoints past the leading run of committed batches (lock held)."""
        while self._in_order and self._in_order[0].committed:
            done = self._in_order.popleft()
            self.checkpoints.save(done.path, done.last_line)
            self.loaded += done.records
            self.batches += 1
            if self.stop_after_batches is not None and self.batches >= self.stop_after_batches:
                raise LoadInterrupted(f"stopped after {self.batches} batches, as asked")


def settle_aliases(graph: Graph) -> int:
    """Re-apply merges whose old id came back in this load, and folds of works made again
    under a folded id; returns how many were applied."""
    applied = 0
    for label, merge_query in MERGE_QUERIES.items():
        rows = [dict(r) for r in graph.read("load/list_resurfaced_aliases", label=label)]
        graph.write_batches(merge_query, rows, SETTLE_BATCH)
        applied += len(rows)
    return applied + settle_folds(graph)
