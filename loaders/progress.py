"""Load progress on a terminal (records, records/s, rejects); silent when output is piped."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import Progress, TaskID, TextColumn, TimeElapsedColumn


class LoadProgress:
    """A one-line live counter; a no-op unless stderr is a terminal (or `enabled` says so)."""

    def __init__(self, label: str, enabled: bool | None = None) -> None:
        console = Console(stderr=True)
        self.enabled = console.is_terminal if enabled is None else enabled
        self.started = time.perf_counter()
        self._progress = Progress(
            TextColumn("{task.description}"),
            TextColumn("{task.completed:>12,.0f} records"),
            TextColumn("{task.fields[rate]:>9,.0f} records/s"),
            TextColumn("{task.fields[rejects]:,} rejects"),
            TimeElapsedColumn(),
            console=console, transient=False, disable=not self.enabled,
        )
        self._task: TaskID | None = None
        self.label = label

    def __enter__(self) -> LoadProgress:
        self._progress.start()
        self._task = self._progress.add_task(self.label, total=None, rate=0.0, rejects=0)
        return self

    def update(self, records: int, rejects: int, current: str | None = None) -> None:
        """Show the running totals (records read so far, rejects so far)."""
        if self._task is None or not self.enabled:
            return
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        self._progress.update(self._task, completed=records, rate=records / elapsed,
                              rejects=rejects, description=current or self.label)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._progress.stop()
