"""What the bulk import's CSV files are (written by native/src/csv.rs) and the rule that
keeps an array from splitting: elements join with U+001F, a control character that clean
text never holds; an element holding it is refused (the record is a reject)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"


@dataclass(frozen=True)
class CsvFile:
    """One header + data pair for `--nodes=LABEL=…` or `--relationships=TYPE=…`."""

    group: str  # the label or relationship type
    header: Path
    data: Path
    rows: int
    multiline: bool


def check_arrays(props: dict[str, Any]) -> None:
    """ValueError when an array value holds the array delimiter (the record is a reject)."""
    for key, value in props.items():
        if isinstance(value, list) and any(ARRAY_DELIMITER in str(v) for v in value):
            raise ValueError(f"field {key!r} holds U+001F, the bulk importer's array delimiter")
