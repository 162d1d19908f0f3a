"""A byte budget on what one analyst query reads from Neo4j, enforced inside the driver.

The driver reads a whole Bolt message (one record) into its connection's buffer before it
decodes any of it, and that buffer never shrinks: `RETURN range(1, 20000000)` is one record
of 100 MB. So reading stops inside the driver: a wrapper around `receive_into_buffer`, the
one function the driver's Inbox reads messages with, compares the message's size so far
with the budget of the analyst query running in this context and raises AnswerTooLarge, an
OSError. The driver takes that for a broken connection: it marks it defunct and closes it,
and Neo4j ends the transaction. Queries without a budget in their context (everything but
the analyst's) pass straight through. tests/integration/analyst/test_analyst_budget.py pins
each of these driver behaviours, and install() refuses a driver that reads otherwise.
"""

from __future__ import annotations

import inspect
import logging
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import neo4j._sync.io._common as bolt_io

# One record may take this share of the answer's byte budget as Neo4j sends it: decoded,
# Python needs several times a record's wire size (a small int is 1 to 3 bytes on the wire,
# 36 as a list item in Python).
RECORD_SHARE = 4


class AnswerTooLarge(OSError):
    """Raised inside the driver when one record is larger than the budget allows."""


@dataclass(slots=True)
class ByteBudget:
    """The most bytes one message may have; what was read; whether reading was cut off."""

    record_cap: int
    received: int = 0
    tripped: bool = False
    socket: Any = None  # the driver's socket this query reads from, to cut it loose

    @classmethod
    def for_answer(cls, max_bytes: int) -> ByteBudget:
        """The budget of an answer of at most max_bytes."""
        return cls(record_cap=max(max_bytes // RECORD_SHARE, 1))

    def cut_loose(self) -> None:
        """Shut the socket down (from any thread): a read blocked on it returns at once."""
        raw = getattr(self.socket, "_socket", None)  # BoltSocket wraps the real socket
        if raw is not None:
            with suppress(OSError):
                raw.shutdown(socket.SHUT_RDWR)


_BUDGET: ContextVar[ByteBudget | None] = ContextVar("analyst_byte_budget", default=None)
_original = bolt_io.receive_into_buffer


@contextmanager
def budgeted(budget: ByteBudget) -> Iterator[ByteBudget]:
    """Run the driver calls inside under budget (this thread and context only)."""
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def _receive_into_buffer(sock: Any, buffer: Any, n_bytes: int,
                         _budget: Callable[[], ByteBudget | None] = _BUDGET.get) -> None:
    """The driver's own function, after a look at the budget of the query reading."""
    # Called twice per Bolt chunk by every query of the process: kept to a few operations
    # (the bound default saves a global lookup); 0.1 ms per 1 000 records without a budget.
    budget = _budget()
    if budget is not None:
        budget.socket = sock
        # buffer.used: the bytes of the message read so far (the buffer is reset per message)
        if buffer.used + n_bytes > budget.record_cap:
            budget.tripped = True
            raise AnswerTooLarge(f"a record is larger than {budget.record_cap} bytes")
        budget.received += n_bytes
    _original(sock, buffer, n_bytes)


class _QuietCutoffs(logging.Filter):
    """The driver logs a defunct connection as an error; one we cut off on purpose is not."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        return not any(isinstance(arg, AnswerTooLarge) for arg in args)


def install() -> None:
    """Put the wrapper in the driver, once; refuse loudly a driver that reads differently."""
    if bolt_io.receive_into_buffer is _receive_into_buffer:
        return
    reads_through_it = "receive_into_buffer" in bolt_io.Inbox._buffer_one_chunk.__code__.co_names
    parameters = list(inspect.signature(_original).parameters)
    if not reads_through_it or parameters != ["sock", "buffer", "n_bytes"]:
        raise RuntimeError(
            "The neo4j driver no longer reads Bolt messages through "
            "neo4j._sync.io._common.receive_into_buffer(sock, buffer, n_bytes): the analyst "
            "byte budget (service/analyst/budget.py) must be adapted to this driver version.")
    bolt_io.receive_into_buffer = _receive_into_buffer
    logging.getLogger("neo4j.io").addFilter(_QuietCutoffs())


install()  # on import: whoever runs analyst queries has the budget in place
