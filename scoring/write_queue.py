"""A writer thread: Neo4j writes batches while Python computes the next ones (2 cores)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

Job = Callable[[], Any]


class BackgroundWriter:
    """Runs write jobs one at a time, in order, on one thread; the first error stops it.

    The run's Python goes on computing while Neo4j writes; call `wait()` before anything that
    reads or locks what the jobs write.
    """

    def __init__(self) -> None:
        # Unbounded: submitting never waits for Neo4j. Jobs hold rows the run keeps anyway,
        # or build their rows batch by batch when they run.
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._cancelled = False

    def submit(self, job: Job) -> None:
        """Queue a job; raise if an earlier one failed."""
        self.check()
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, daemon=True,
                                            name="scoring-writer")
            self._thread.start()
        self._jobs.put(job)

    @property
    def cancelled(self) -> bool:
        """True once abandoned: a long job checks it between its transactions."""
        return self._cancelled

    def check(self) -> None:
        """Raise the error of a failed job, if any."""
        if self._error is not None:
            raise self._error

    def wait(self) -> None:
        """Block until every queued job is done; raise the first error."""
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
            self._thread = None
        self.check()

    def abandon(self) -> None:
        """Skip the jobs still queued, wait for the one running, and forget any error."""
        self._cancelled = True
        try:
            self.wait()
        except BaseException:  # the run is failing already: its own error is the one to raise
            self._error = None

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            if self._error is None and not self._cancelled:  # else drain without writing
                try:
                    job()
                except BaseException as exc:  # handed to the main thread by check()
                    self._error = exc
