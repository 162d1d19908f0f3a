"""The one way code here reaches Neo4j: cypher/<name>.cypher files run as reads or writes.

A `Graph` is a driver, a database and a calling policy: the server-side time limit, how long
the driver retries transient failures, and whether Neo4j's errors become Peergraph's (a timed
out query → QueryTimeout 504, still failing after the retries → DatabaseUnavailable 503).
The web app makes one with the request limits at start-up; scoring and loading make theirs
without a limit. Single statements go through `driver.execute_query`; a shorter retry time
or several statements need a session and a transaction function, which must be idempotent
(the driver may run it again); `CALL … IN TRANSACTIONS` needs an auto-commit transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, LiteralString, TypeVar

from neo4j import (
    READ_ACCESS,
    WRITE_ACCESS,
    Driver,
    ManagedTransaction,
    Query,
    Record,
    Result,
    ResultSummary,
    RoutingControl,
    unit_of_work,
)
from neo4j.exceptions import ClientError, TransientError

from core.errors import DatabaseUnavailable, QueryTimeout
from cypher import query, statements

T = TypeVar("T")
Work = Callable[[ManagedTransaction], T]


@dataclass(frozen=True, slots=True)
class Graph:
    """A driver and database with the timeout, retry and error mapping every call uses."""

    driver: Driver
    database: str
    timeout_s: float | None = None  # the server stops a transaction running longer
    retry_s: float | None = None  # None: the driver's own (30 s) retry time
    map_errors: bool = True  # Neo4j's timeout/transient errors → QueryTimeout/DatabaseUnavailable

    def read(self, name: str, /, **params: Any) -> list[Record]:
        """The rows of one read statement."""
        return self._run(query(name), params, RoutingControl.READ)

    def read_one(self, name: str, /, **params: Any) -> Record | None:
        """The first row of one read statement, or None."""
        records = self.read(name, **params)
        return records[0] if records else None

    def write(self, name: str, /, **params: Any) -> list[Record]:
        """The rows of one write statement (retried on transient errors: keep it idempotent)."""
        return self._run(query(name), params, RoutingControl.WRITE)

    def write_batches(self, name: str, rows: Sequence[dict[str, Any]], size: int, /,
                      progress: Callable[[int], None] | None = None, **params: Any) -> None:
        """Write rows with one `UNWIND $rows` statement (its own transaction) per `size` rows."""
        for start in range(0, len(rows), size):
            batch = list(rows[start:start + size])
            self.write(name, rows=batch, **params)
            if progress:
                progress(len(batch))

    def write_each(self, name: str, /) -> None:
        """Run each statement of a multi-statement file as a write of its own (schema files)."""
        for statement in statements(name):
            self._run(statement, {}, RoutingControl.WRITE)

    def autocommit(self, name: str, /, **params: Any) -> ResultSummary:
        """One statement in an auto-commit transaction, as `CALL … IN TRANSACTIONS` needs."""
        # Not a transaction function, so the driver does not retry it: keep it idempotent.
        with self._translated(), self.driver.session(database=self.database) as session:
            return session.run(Query(query(name), timeout=self.timeout_s), params).consume()

    def stream(self, name: str, consume: Callable[[Result], T], /, **params: Any) -> T:
        """Read one statement through `consume`, which sees the rows as they arrive.

        fetch_size -1: the server streams without waiting for each batch to be asked for, so
        Neo4j produces rows while Python decodes them (memory is bounded by the socket)."""
        statement = query(name)
        return self._transaction(lambda tx: consume(tx.run(statement, params)), READ_ACCESS,
                                 fetch_size=-1)

    def read_tx(self, work: Work[T]) -> T:
        """Run a read transaction function."""
        return self._transaction(work, READ_ACCESS)

    def write_tx(self, work: Work[T]) -> T:
        """Run a write transaction function."""
        return self._transaction(work, WRITE_ACCESS)

    def _run(self, statement: LiteralString, params: dict[str, Any], routing: RoutingControl
             ) -> list[Record]:
        """One statement: execute_query, unless a retry time of our own needs a session."""
        if self.retry_s is not None:
            return self._transaction(lambda tx: list(tx.run(statement, params)),
                                     READ_ACCESS if routing is RoutingControl.READ
                                     else WRITE_ACCESS)
        with self._translated():
            records, _, _ = self.driver.execute_query(
                Query(statement, timeout=self.timeout_s), params, database_=self.database,
                routing_=routing)
        return records

    def _transaction(self, work: Work[T], mode: str, fetch_size: int | None = None) -> T:
        """`work` in a session of this graph's retry time, under its time limit."""
        bounded = unit_of_work(timeout=self.timeout_s)(work) if self.timeout_s else work
        config: dict[str, Any] = {"database": self.database, "default_access_mode": mode}
        if self.retry_s is not None:
            config["max_transaction_retry_time"] = self.retry_s
        if fetch_size is not None:
            config["fetch_size"] = fetch_size
        with self._translated(), self.driver.session(**config) as session:
            if mode == READ_ACCESS:
                return session.execute_read(bounded)
            return session.execute_write(bounded)

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Map a timed-out or still-transient Neo4j error to Peergraph's own, if asked to."""
        try:
            yield
        except (ClientError, TransientError) as exc:
            if not self.map_errors:
                raise
            if "TransactionTimedOut" in (exc.code or ""):
                limit = f" past {self.timeout_s:g} s" if self.timeout_s else ""
                raise QueryTimeout(f"The query ran{limit} and was stopped; narrow it (a "
                                   "smaller limit or depth).") from exc
            if isinstance(exc, TransientError):  # still failing after retries: busy, not broken
                raise DatabaseUnavailable("The graph database is busy; try again shortly."
                                          ) from exc
            raise


def rows(tx: ManagedTransaction, name: str, /, **params: Any) -> list[Record]:
    """The rows of one statement inside a transaction function."""
    return list(tx.run(query(name), params))
