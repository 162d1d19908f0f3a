"""What every step of a run shares: the graph, the run, its progress and its writer thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from core.graph import Graph
from scoring.write_queue import BackgroundWriter


class Reporter(Protocol):
    """Where a run reports its progress (a terminal bar, a log, or nothing)."""

    def phase(self, name: str, total: int | None = None) -> None: ...
    def advance(self, n: int = 1) -> None: ...


class SilentReporter:
    """Reports nothing."""

    def phase(self, name: str, total: int | None = None) -> None:
        """Ignore."""

    def advance(self, n: int = 1) -> None:
        """Ignore."""


@dataclass
class Context:
    """What every step of a run needs."""

    graph: Graph
    run_id: str
    batch: int
    reporter: Reporter = field(default_factory=SilentReporter)
    checks: list[Any] = field(default_factory=list)  # callables raising if the run must stop
    stats: dict[str, int] = field(default_factory=dict)
    # Writes topics and pairs while the run computes. One thread: two at once deadlocked
    # (a new relationship locks the first relationship of each end's chain) and were no faster.
    writer: BackgroundWriter = field(default_factory=BackgroundWriter)

    def check(self) -> None:
        """Stop here if the lease was lost or a background write failed."""
        self.writer.check()
        for check in self.checks:
            check()

    def count(self, name: str, n: int = 1) -> None:
        """Add n to the run's statistic `name`."""
        self.stats[name] = self.stats.get(name, 0) + n
