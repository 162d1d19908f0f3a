"""Neo4j's answers to a bad analyst query, as the project's errors with a clear message."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson
from neo4j.exceptions import BrokenRecordError, ClientError, Neo4jError, TransactionError

from core.errors import Forbidden, InvalidParameter, PeergraphError
from service.analyst.limits import timed_out

# Neo4j ends a syntax message with "(line L, column C (offset: O))" and a caret snippet.
_POSITION = re.compile(r"\s*\(line (\d+), column (\d+) \(offset: (\d+)\)\)")
TIMEOUT_CODES = ("Neo.ClientError.Transaction.TransactionTimedOut",
                 "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
                 "Neo.TransientError.Transaction.LockClientStopped")


@contextmanager
def translated(text: str, prefix_lines: int = 0, timeout_s: float | None = None) -> Iterator[None]:
    """Turn Neo4j errors raised inside into PeergraphErrors; prefix_lines were added by us."""
    try:
        yield
    except Neo4jError as exc:
        mapped = from_neo4j(exc, text, prefix_lines, timeout_s)
        if mapped is None:
            raise  # database and transient errors are ours: the app's handlers answer them
        raise mapped from exc
    except TransactionError as exc:  # the server ended the transaction, e.g. at its timeout
        raise timed_out(timeout_s) from exc
    except BrokenRecordError as exc:
        raise _undecodable(exc) from exc
    except orjson.JSONEncodeError as exc:  # orjson wraps what the encoding hook raised
        if isinstance(exc.__cause__, BrokenRecordError):
            raise _undecodable(exc.__cause__) from exc
        raise
    except (OverflowError, UnicodeEncodeError) as exc:  # the driver cannot pack a parameter
        raise InvalidParameter(
            "A parameter cannot be sent to Neo4j: integers must fit in 64 bits and strings "
            f"must be valid Unicode ({type(exc).__name__}).",
            errors=[{"parameter": "parameters", "in": "body", "message": str(exc)}]) from exc


def from_neo4j(exc: Neo4jError, text: str, prefix_lines: int = 0,
               timeout_s: float | None = None) -> PeergraphError | None:
    """The PeergraphError for a Neo4j error the analyst caused, else None."""
    code, message = exc.code or "", (exc.message or str(exc)).strip()
    if code in TIMEOUT_CODES or code.endswith("TransactionTimedOut"):
        return timed_out(timeout_s)
    if code == "Neo.ClientError.Statement.AccessMode":
        return Forbidden("Refused by Neo4j: the query tried to write, and analyst queries run "
                         "in a read-only transaction.")
    if code == "Neo.ClientError.Statement.SyntaxError":
        return _syntax_error(message, text, prefix_lines)
    if code.startswith("Neo.ClientError.Security."):
        return Forbidden(f"Refused by Neo4j: {message}")
    if isinstance(exc, ClientError):
        return InvalidParameter(f"Neo4j could not run the query ({code.rsplit('.', 1)[-1]}): "
                                f"{_first_paragraph(message)}",
                                errors=[{"parameter": "query", "in": "body", "message": message,
                                         "neo4j_code": code}])
    return None


def _undecodable(exc: BrokenRecordError) -> InvalidParameter:
    """A 422 for a result value the driver could not turn into a Python value."""
    return InvalidParameter(
        f"The query ran, but {exc}. Python's dates and times stop at year 9999: return such "
        "a value as text (toString(…)) instead.",
        errors=[{"parameter": "query", "in": "body", "message": str(exc)}])


def _syntax_error(message: str, text: str, prefix_lines: int) -> InvalidParameter:
    """A 422 with Neo4j's message and the position in the analyst's own text."""
    position = _POSITION.search(message)
    description = _first_paragraph(_POSITION.sub("", message, count=1))
    entry: dict[str, Any] = {"parameter": "query", "in": "body", "message": description}
    detail = f"Cypher syntax error: {description}"
    if position:
        line = max(int(position.group(1)) - prefix_lines, 1)
        column = int(position.group(2))
        offset = _offset(text, line, column)
        entry |= {"line": line, "column": column, "offset": offset}
        lines = text.splitlines() or [""]
        shown = lines[line - 1] if line <= len(lines) else ""
        detail += f" (line {line}, column {column})\n{shown}\n{' ' * (column - 1)}^"
    return InvalidParameter(detail, errors=[entry])


def _offset(text: str, line: int, column: int) -> int:
    """The 0-based character offset of (line, column), both 1-based, in text."""
    lines = text.splitlines(keepends=True)
    return sum(len(part) for part in lines[:line - 1]) + column - 1


def _first_paragraph(message: str) -> str:
    """Neo4j's message without the quoted query and caret it appends."""
    kept = []
    for line in message.splitlines():
        if line.startswith('"') or line.strip() == "^":
            break
        kept.append(line.strip())
    return " ".join(part for part in kept if part) or message
