"""Streaming input: lines of plain or gzipped files with their numbers, parsed with orjson."""

from __future__ import annotations

import csv
import gzip
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import orjson

GZIP_MAGIC = b"\x1f\x8b"
PARQUET_BATCH_ROWS = 4096  # rows decoded at a time: a part file holds up to 400 000
# A whole-document JSON file (an API page pretty-printed) is read at once only up to this size.
WHOLE_DOCUMENT_LIMIT = 256 * 1024 * 1024


@dataclass(frozen=True)
class Item:
    """One input record, or the reason it could not be read, with where it came from."""

    line: int
    raw: bytes
    record: dict[str, Any] | None = None
    error: str | None = None


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, gunzipped when it starts with the gzip magic (whatever its name)."""
    with path.open("rb") as probe:
        gzipped = probe.read(2) == GZIP_MAGIC
    return cast(IO[bytes], gzip.open(path, "rb")) if gzipped else path.open("rb")


def read_lines(path: Path, after: int = 0) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes) of each non-blank line after line `after`; split on \\n only."""
    # Split on b"\n" alone: real records hold U+2028 and other characters that
    # str.splitlines() would wrongly treat as line ends.
    with open_binary(path) as lines:
        for number, line in enumerate(lines, start=1):
            if number > after and line.strip():
                yield number, line


def read_json_items(path: Path, after: int = 0) -> Iterator[Item]:
    """Records of a JSON-Lines file, an API page ({"meta", "results"}) or one JSON document."""
    first = True
    for number, line in read_lines(path, after):
        if first and after == 0 and _opens_document(line):
            yield from _whole_document(path)
            return
        first = False
        yield from line_items(number, line)


def line_items(number: int, line: bytes) -> Iterator[Item]:
    """The records on one line of JSON Lines (an API page holds several), or why not."""
    try:
        value = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        yield Item(number, line, error=f"not JSON ({exc})")
        return
    yield from _items_of(number, line, value)


def _opens_document(line: bytes) -> bool:
    """A first line that only opens a pretty-printed document (`{` or `[`)."""
    return line.strip() in (b"{", b"[")


def opens_whole_document(path: Path) -> bool:
    """True when the file is one pretty-printed JSON document, not JSON Lines."""
    return any(_opens_document(line) for _, line in itertools.islice(read_lines(path), 1))


def _items_of(number: int, raw: bytes, value: Any) -> Iterator[Item]:
    """The records in one parsed value: an object, or every object of an API page's results."""
    if isinstance(value, dict) and isinstance(value.get("results"), list) and "meta" in value:
        for element in value["results"]:
            yield _item(number, orjson.dumps(element), element)
    else:
        yield _item(number, raw, value)


def _item(number: int, raw: bytes, value: Any) -> Item:
    """An Item for a parsed value; anything but a JSON object is a reject."""
    if isinstance(value, dict):
        return Item(number, raw, record=value)
    return Item(number, raw, error=f"expected a JSON object, got {type(value).__name__}")


def _whole_document(path: Path) -> Iterator[Item]:
    """A pretty-printed JSON document (an API response saved as is), as line-1 items."""
    with open_binary(path) as stream:
        data = stream.read(WHOLE_DOCUMENT_LIMIT + 1)
    if len(data) > WHOLE_DOCUMENT_LIMIT:
        yield Item(1, data[:200], error="multi-line JSON document too large to read at once")
        return
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        yield Item(1, data[:1000], error=f"not JSON Lines nor one JSON document ({exc})")
        return
    elements = value if isinstance(value, list) else [value]
    for element in elements:
        yield from _items_of(1, orjson.dumps(element), element)


def read_csv_items(path: Path, after: int = 0) -> Iterator[Item]:
    """Rows of a CSV file with a header line (plain or gzipped), as dict records."""
    with open_binary(path) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        reader = csv.DictReader(text)
        for row in reader:
            number = reader.line_num
            if number > after:
                raw = ",".join(v or "" for v in row.values()).encode()
                yield Item(number, raw, record=dict(row))


def read_parquet_items(path: Path, after: int = 0) -> Iterator[Item]:
    """Rows of a Parquet part file (the 2026 snapshot's other copy) as records, in batches;
    `line` is the row number (from 1), so a resumed load skips the rows it has."""
    import pyarrow.parquet as pq  # only the Parquet copy needs it: imported when read

    number = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=PARQUET_BATCH_ROWS):
        if number + batch.num_rows <= after:
            number += batch.num_rows
            continue
        # maps (e.g. an inverted abstract) as dicts, as the JSON Lines copy has them
        for row in batch.to_pylist(maps_as_pydicts="strict"):
            number += 1
            if number > after:
                yield Item(number, orjson.dumps(row, default=str), record=row)
