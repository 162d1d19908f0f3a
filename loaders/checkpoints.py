"""Resume points: one small JSON file per input file, saying up to which line it is loaded."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import orjson


class Checkpoints:
    """The committed line of each input file of a source, kept in `state_dir/checkpoints`."""

    def __init__(self, state_dir: Path, source: str, run_id: str | None = None) -> None:
        self.folder = state_dir / "checkpoints"
        self.source, self.run_id = source, run_id

    def _file_for(self, path: Path) -> Path:
        """The checkpoint file of one input; the key changes when the input file changes."""
        stat = path.stat()
        key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
        digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:20]
        return self.folder / f"{self.source}-{digest}.json"

    def line(self, path: Path) -> int:
        """The last line of `path` whose batch was committed (0: start from the top)."""
        return int(self._state(path).get("line", 0))

    def unfinished_runs(self, paths: list[Path]) -> list[str]:
        """The ids of the runs that wrote these inputs' checkpoints (runs that did not end)."""
        return sorted({str(state["run_id"]) for state in map(self._state, paths)
                       if state.get("run_id")})

    def _state(self, path: Path) -> dict[str, Any]:
        try:
            state = orjson.loads(self._file_for(path).read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}
        return state if isinstance(state, dict) else {}

    def save(self, path: Path, line: int) -> None:
        """Record that every line of `path` up to `line` is in the graph (atomic replace)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._file_for(path)
        temporary = target.with_suffix(".tmp")
        temporary.write_bytes(orjson.dumps({"file": str(path), "line": line,
                                            "run_id": self.run_id}))
        os.replace(temporary, target)

    def clear(self, paths: list[Path]) -> None:
        """Forget the given inputs' checkpoints (after a load completed)."""
        for path in paths:
            self._file_for(path).unlink(missing_ok=True)
