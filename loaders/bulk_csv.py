"""CSV for Neo4j's offline importer: a header file and a gzipped data file per label or type
and bucket, typed columns (`name:long`, `name:string[]`…), every string quoted.

Written by the csv module's C writer (QUOTE_NONNUMERIC), each column formatted by its type
first. Quoting: a string is always written in double quotes with inner quotes doubled (RFC 4180,
the importer's default; --legacy-style-quoting stays off, so a backslash is just a
backslash), which keeps commas and quotes safe and tells an empty string ("") from a
missing value (an empty field: no property). Newlines inside a quoted string need the
importer's --multiline-fields, which slows it: the writer says whether it wrote any, so the
option is passed only when needed. Arrays join their elements with U+001F, a control
character that clean text never holds; an element holding it is refused (the record is a
reject), so an array can never split in the wrong place."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"
WRITE_ROWS = 10_000  # lines formatted per csv call: one encode and one gzip write each
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


def column_types(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Each property key's importer type, sorted by key; TypeError for a key whose values
    have two types (the importer has one type per column)."""
    found: dict[str, str] = {}
    pairs = {(k, type(v)) for props in rows for k, v in props.items()}
    # sorted, so that a key with two types names them in the same order on every run
    for key, value_type in sorted(pairs, key=lambda pair: (pair[0], pair[1].__name__)):
        kind = TYPES.get(value_type)
        if kind is None:
            example = next(p[key] for p in rows if type(p.get(key)) is value_type)
            raise TypeError(f"property {key!r}: no importer type for {example!r}")
        if found.setdefault(key, kind) != kind:
            raise TypeError(f"property {key!r} is both {found[key]} and {kind}")
    for key in (k for k, kind in found.items() if kind == "string[]"):
        for props in rows:
            if key in props and not all(type(v) is str for v in props[key]):
                raise TypeError(f"property {key!r}: no importer type for {props[key]!r}")
    return dict(sorted(found.items()))


class Bare(int):
    """A field the C writer leaves unquoted: QUOTE_NONNUMERIC quotes every str and writes a
    number's str(), so an int whose str() is this text comes out bare (null, true, a date)."""

    text: str

    def __new__(cls, text: str) -> Bare:
        bare = super().__new__(cls, 0)
        bare.text = text
        return bare

    def __str__(self) -> str:
        return self.text


NULL, TRUE, FALSE = Bare(""), Bare("true"), Bare("false")  # an empty field: no property


def _boolean(value: bool) -> Bare:
    return TRUE if value else FALSE


def _array(value: list[str]) -> str:
    return ARRAY_DELIMITER.join(value)


@lru_cache(maxsize=64)  # a bucket's changed_at is one value: formatted once
def _datetime(value: datetime) -> Bare:
    return Bare(value.isoformat())


# The column types whose Python values the writer cannot write as they are; str, int and
# float it writes itself (quoted, str(), repr()).
FORMATTERS: dict[str, Callable[[Any], Any]] = {
    "boolean": _boolean, "string[]": _array, "datetime": _datetime}


def write_nodes(stem: Path, label: str, rows: list[tuple[str, dict[str, Any]]]) -> CsvFile:
    """`stem`.header.csv (`id:ID(label)` then the properties) and `stem`.csv.gz."""
    types = column_types([props for _, props in rows])
    header = [f"id:ID({label})", *(f"{key}:{kind}" for key, kind in types.items())]
    keys = tuple(types)
    lines = ([node_id, *[props.get(key, NULL) for key in keys]] for node_id, props in rows)
    return _write(stem, label, header, _formatted(lines, types, 1), len(rows))


def write_edges(stem: Path, rel_type: str, start: str, end: str,
                rows: list[tuple[str, str, dict[str, Any]]]) -> CsvFile:
    """`stem`.header.csv (`:START_ID(start)`, `:END_ID(end)`, properties) and `stem`.csv.gz."""
    types = column_types([props for _, _, props in rows])
    header = [f":START_ID({start})", f":END_ID({end})",
              *(f"{key}:{kind}" for key, kind in types.items())]
    keys = tuple(types)
    lines = ([a, b, *[props.get(key, NULL) for key in keys]] for a, b, props in rows)
    return _write(stem, rel_type, header, _formatted(lines, types, 2), len(rows))


def _formatted(lines: Iterator[list[Any]], types: dict[str, str],
               first: int) -> Iterator[list[Any]]:
    """The lines with each boolean, array and datetime column formatted (from `first`, the
    columns after the ids); the other columns pass as they are."""
    columns = [(first + n, FORMATTERS[kind]) for n, kind in enumerate(types.values())
               if kind in FORMATTERS]
    if not columns:
        return lines
    return (_format_line(line, columns) for line in lines)


def _format_line(line: list[Any], columns: list[tuple[int, Callable[[Any], Any]]]) -> list[Any]:
    for column, formatter in columns:
        if (value := line[column]) is not NULL:
            line[column] = formatter(value)
    return line


def _write(stem: Path, group: str, header: list[str], lines: Iterable[list[Any]],
           count: int) -> CsvFile:
    """Write the header and the gzipped rows (csv's C writer, WRITE_ROWS lines at a time);
    notes whether any field spans lines (a chunk holding more line ends than lines)."""
    header_path, data_path = stem.with_suffix(".header.csv"), stem.with_suffix(".csv.gz")
    header_path.write_text(",".join(header) + "\n", encoding="utf-8")
    multiline = False
    with gzip.open(data_path, "wb", compresslevel=GZIP_LEVEL) as out:
        for chunk in batched(lines, WRITE_ROWS):
            text = io.StringIO()
            csv.writer(text, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n").writerows(chunk)
            data = text.getvalue()
            multiline = multiline or data.count("\n") > len(chunk) or "\r" in data
            out.write(data.encode("utf-8"))
    return CsvFile(group, header_path, data_path, count, multiline)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of `size` items (the last shorter): itertools.batched is Python 3.12's."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
