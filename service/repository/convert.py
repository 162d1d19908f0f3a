"""Neo4j values to what pydantic serialises: temporal types to Python, nulls dropped."""

from __future__ import annotations

from typing import Any

from neo4j.time import Date, DateTime, Duration, Time


def plain(value: Any) -> Any:
    """A JSON-friendly copy of a value read from Neo4j."""
    if isinstance(value, DateTime | Date | Time):
        return value.iso_format()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def present(props: dict[str, Any]) -> dict[str, Any]:
    """The properties that have a value (absent properties come back as null)."""
    return {key: plain(value) for key, value in props.items() if value is not None}
