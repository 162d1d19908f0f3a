"""Neo4j's own value types to what JSON and Python code expect: the one conversion."""

from __future__ import annotations

from typing import Any

from neo4j.time import Date, DateTime, Duration, Time

TEMPORAL = (DateTime, Date, Time, Duration)


def iso_text(value: Any) -> Any:
    """A Neo4j temporal value as ISO 8601 text (durations too); anything else unchanged."""
    return value.iso_format() if isinstance(value, TEMPORAL) else value


def native(value: Any) -> Any:
    """A Neo4j date or time as Python's datetime/date/time (None stays None)."""
    return value.to_native() if isinstance(value, DateTime | Date | Time) else value


def plain(value: Any) -> Any:
    """A JSON-friendly copy of a value read from Neo4j: temporal values as ISO text."""
    if isinstance(value, TEMPORAL):
        return value.iso_format()
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def present(props: dict[str, Any]) -> dict[str, Any]:
    """The properties that have a value (absent properties come back as null)."""
    return {key: plain(value) for key, value in props.items() if value is not None}
