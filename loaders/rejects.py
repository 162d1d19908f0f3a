"""The reject file: one JSON line per record a load set aside (file, line, reason, raw)."""

from __future__ import annotations

from pathlib import Path
from typing import IO

import orjson

RAW_LIMIT = 100_000  # characters of the raw line kept; a huge bad line should not fill the disk


class RejectFile:
    """Appends rejects to a JSON-Lines file, created only when the first reject comes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._stream: IO[bytes] | None = None

    def add(self, source_file: Path, line: int, reason: str, raw: bytes) -> None:
        """Set one record aside with where it came from and why."""
        if self._stream is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._stream = self.path.open("ab")
        text = raw.decode("utf-8", errors="replace").rstrip("\n")[:RAW_LIMIT]
        entry = {"file": str(source_file), "line": line, "reason": reason, "raw": text}
        self._stream.write(orjson.dumps(entry) + b"\n")
        self.count += 1

    @property
    def written_path(self) -> Path | None:
        """The reject file's path when anything was rejected, else None."""
        return self.path if self.count else None

    def close(self) -> None:
        """Flush and close the file (if one was opened)."""
        if self._stream is not None:
            self._stream.close()
            self._stream = None
