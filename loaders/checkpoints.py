"""Resume points: one small JSON file per input file, saying up to which line it is loaded."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import orjson


class Checkpoints:
    """The committed line of each input file of a source, kept in `state_dir/checkpoints`."""

    def __init__(self, state_dir: Path, source: str) -> None:
        self.folder = state_dir / "checkpoints"
        self.source = source

    def _file_for(self, path: Path) -> Path:
        """The checkpoint file of one input; the key changes when the input file changes."""
        stat = path.stat()
        key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
        digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:20]
        return self.folder / f"{self.source}-{digest}.json"

    def line(self, path: Path) -> int:
        """The last line of `path` whose batch was committed (0: start from the top)."""
        try:
            state = orjson.loads(self._file_for(path).read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return 0
        return int(state.get("line", 0))

    def save(self, path: Path, line: int) -> None:
        """Record that every line of `path` up to `line` is in the graph (atomic replace)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._file_for(path)
        temporary = target.with_suffix(".tmp")
        temporary.write_bytes(orjson.dumps({"file": str(path), "line": line}))
        os.replace(temporary, target)

    def clear(self, paths: list[Path]) -> None:
        """Forget the given inputs' checkpoints (after a load completed)."""
        for path in paths:
            self._file_for(path).unlink(missing_ok=True)
