"""CSV for Neo4j's offline importer: a header file and a gzipped data file per label or type
and bucket, typed columns (`name:long`, `name:string[]`…), every string quoted.

Quoting: a string is always written in double quotes with inner quotes doubled (RFC 4180,
the importer's default; --legacy-style-quoting stays off, so a backslash is just a
backslash), which keeps commas and quotes safe and tells an empty string ("") from a
missing value (an empty field: no property). Newlines inside a quoted string need the
importer's --multiline-fields, which slows it: the writer says whether it wrote any, so the
option is passed only when needed. Arrays join their elements with U+001F, a control
character that clean text never holds; an element holding it is refused (the record is a
reject), so an array can never split in the wrong place."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"
GZIP_LEVEL = 1  # the importer reads it once; level 1 writes ~4x faster than 6, ~15% bigger
# Python types and the importer's column types: int and float as 64-bit, as Bolt sends them
# (the importer's `int` and `float` are 32-bit and would not give the online loader's values).
TYPES: dict[type, str] = {bool: "boolean", int: "long", float: "double", str: "string",
                          list: "string[]", datetime: "datetime"}


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


def column_types(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each property key's importer type, sorted by key; TypeError for a key whose values
    have two types (the importer has one type per column)."""
    found: dict[str, str] = {}
    for props in rows:
        for key, value in props.items():
            kind = TYPES.get(type(value))
            if kind is None or (kind == "string[]" and not all(isinstance(v, str)
                                                               for v in value)):
                raise TypeError(f"property {key!r}: no importer type for {value!r}")
            if found.setdefault(key, kind) != kind:
                raise TypeError(f"property {key!r} is both {found[key]} and {kind}")
    return dict(sorted(found.items()))


def field(value: Any) -> str:
    """One CSV field: quoted strings and arrays, bare numbers and booleans, empty for null."""
    if type(value) is str:  # the most common first: called for every value
        return '"' + value.replace('"', '""') + '"'
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return field(ARRAY_DELIMITER.join(value))
    if isinstance(value, datetime):
        return value.isoformat()
    return repr(value) if isinstance(value, float) else str(value)


def write_nodes(stem: Path, label: str, rows: list[tuple[str, dict[str, Any]]]) -> CsvFile:
    """`stem`.header.csv (`id:ID(label)` then the properties) and `stem`.csv.gz."""
    types = column_types(props for _, props in rows)
    header = [f"id:ID({label})", *(f"{key}:{kind}" for key, kind in types.items())]
    lines = ([node_id, *(props.get(key) for key in types)] for node_id, props in rows)
    return _write(stem, label, header, lines, len(rows))


def write_edges(stem: Path, rel_type: str, start: str, end: str,
                rows: list[tuple[str, str, dict[str, Any]]]) -> CsvFile:
    """`stem`.header.csv (`:START_ID(start)`, `:END_ID(end)`, properties) and `stem`.csv.gz."""
    types = column_types(props for _, _, props in rows)
    header = [f":START_ID({start})", f":END_ID({end})",
              *(f"{key}:{kind}" for key, kind in types.items())]
    lines = ([a, b, *(props.get(key) for key in types)] for a, b, props in rows)
    return _write(stem, rel_type, header, lines, len(rows))


def _write(stem: Path, group: str, header: list[str], lines: Iterable[list[Any]],
           count: int) -> CsvFile:
    """Write the header and the gzipped rows; notes whether any field spans lines."""
    header_path, data_path = stem.with_suffix(".header.csv"), stem.with_suffix(".csv.gz")
    header_path.write_text(",".join(header) + "\n", encoding="utf-8")
    multiline = False
    with gzip.open(data_path, "wt", encoding="utf-8", compresslevel=GZIP_LEVEL,
                   newline="") as out:
        for values in lines:
            text = ",".join(map(field, values))
            multiline = multiline or "\n" in text or "\r" in text
            out.write(text + "\n")
    return CsvFile(group, header_path, data_path, count, multiline)
