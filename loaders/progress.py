"""Load progress on a terminal (records, records/s, rejects); silent when output is piped."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)


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


class PhaseProgress:
    """One bar per phase of a long job (transform, import nodes, …), each with its own
    completion and elapsed time; a no-op unless stderr is a terminal (or `enabled` says so)."""

    def __init__(self, enabled: bool | None = None) -> None:
        console = Console(stderr=True)
        self.enabled = console.is_terminal if enabled is None else enabled
        self._progress = Progress(
            TextColumn("{task.description:<22}"), BarColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[note]}"), TimeElapsedColumn(),
            console=console, transient=False, disable=not self.enabled)
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> PhaseProgress:
        self._progress.start()
        return self

    def update(self, phase: str, completed: float, total: float | None = None,
               note: str = "") -> None:
        """Show a phase's progress (a new phase gets its own line; the one before it ends)."""
        if phase not in self._tasks:
            for task in self._tasks.values():
                self._progress.stop_task(task)
            self._tasks[phase] = self._progress.add_task(phase, total=total, note=note)
        self._progress.update(self._tasks[phase], completed=completed, total=total, note=note)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._progress.stop()


class PhaseClock:
    """Adds up the time of each phase, a phase lasting until the next one begins."""

    def __init__(self, phases: dict[str, float]) -> None:
        self.phases, self.current, self.began = phases, "", 0.0

    def enter(self, phase: str) -> None:
        """Note that `phase` runs now (a new one ends the one before)."""
        if phase != self.current:
            self.close()
            self.current, self.began = phase, time.perf_counter()

    def close(self) -> None:
        """End the phase that runs."""
        if self.current:
            elapsed = time.perf_counter() - self.began
            self.phases[self.current] = self.phases.get(self.current, 0.0) + elapsed
            self.current = ""
