"""What one analyst request runs under: a row cap, a byte cap, and a wall-clock deadline."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field

from core.errors import InvalidParameter, QueryTimeout
from core.settings import Settings
from service.analyst.budget import ByteBudget

# PEERGRAPH_ANALYST_MAX_BYTES's default, for callers that build Limits by hand.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
# Tags every analyst transaction in Neo4j (SHOW TRANSACTIONS shows it as metaData.app).
APP_TAG = "peergraph-analyst"


@dataclass(frozen=True)
class Limits:
    """The row cap, the time limit (wall clock, the whole request) and the byte cap."""

    rows: int
    timeout_s: float
    max_bytes: int = DEFAULT_MAX_BYTES


def resolve_limits(settings: Settings, limit: int | None, timeout_ms: int | None) -> Limits:
    """The request's own limits, or the defaults; never above the configured maxima."""
    rows = settings.analyst_default_rows if limit is None else limit
    timeout_s = settings.analyst_default_timeout_s if timeout_ms is None else timeout_ms / 1000
    if not 1 <= rows <= settings.analyst_max_rows:
        raise InvalidParameter(
            f"limit must be between 1 and {settings.analyst_max_rows} "
            "(PEERGRAPH_ANALYST_MAX_ROWS)", errors=[{"parameter": "limit", "in": "body",
                                                    "message": f"got {rows}"}])
    if not 0 < timeout_s <= settings.analyst_max_timeout_s:
        raise InvalidParameter(
            f"timeout_ms must be between 1 and {int(settings.analyst_max_timeout_s * 1000)} "
            "(PEERGRAPH_ANALYST_MAX_TIMEOUT_S)", errors=[{"parameter": "timeout_ms", "in": "body",
                                                         "message": f"got {timeout_ms}"}])
    return Limits(rows, timeout_s, settings.analyst_max_bytes)


@dataclass
class Ticket:
    """One request's id (its transactions carry it in Neo4j), its wall-clock deadline, and
    the byte budget its query reads under (set when the query opens)."""

    timeout_s: float
    deadline: float = -1.0
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    budget: ByteBudget | None = None

    def __post_init__(self) -> None:
        if self.deadline < 0:  # the clock starts when the ticket is made
            self.deadline = time.monotonic() + self.timeout_s

    def remaining(self) -> float:
        """Seconds left before the deadline (negative once past it)."""
        return self.deadline - time.monotonic()

    def time_left(self) -> float:
        """Seconds left, for a Neo4j timeout; QueryTimeout once none are."""
        left = self.remaining()
        if left <= 0.001:  # Neo4j reads a timeout that rounds to 0 ms as "no timeout"
            raise timed_out(self.timeout_s)
        return left

    def metadata(self) -> dict[str, str]:
        """Transaction metadata: what the query log shows, and what finds it to terminate."""
        return {"app": APP_TAG, "peergraph_request": self.request_id}


def timed_out(timeout_s: float | None) -> QueryTimeout:
    """The 504 for a request past its time limit, saying how to ask for more."""
    limit = f" of {timeout_s:g} s" if timeout_s else ""
    return QueryTimeout(f"The query ran past its time limit{limit} and was stopped. The limit "
                        "covers the whole request, planning included. Narrow the query (a "
                        "LIMIT, a more selective MATCH) or ask for a longer timeout_ms, up to "
                        "PEERGRAPH_ANALYST_MAX_TIMEOUT_S.")
