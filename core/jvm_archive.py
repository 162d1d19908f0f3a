"""Class-data sharing for the launcher jar's JVMs (the Neo4j server and the bulk importer).

Most of a launcher start is the JVM loading and verifying the classes of Neo4j's ~200 jars,
not Neo4j's own work: on this 2-core machine (load 9 to 11) an empty home took 57 and 64 s to
answer without an archive, 28 and 39 s with one, interleaved (JDK 17: `-XX:ArchiveClassesAtExit`
records a dynamic archive when the JVM exits, `-XX:SharedArchiveFile` maps it at the next
start; docs/PERFORMANCE.md, Bulk import).

The first run of each role records its archive into the run's own folder; once that JVM has
exited, `settle` moves it next to the jar, named by the jar's mtime so a rebuilt jar records
a new one. A stale or unreadable archive costs nothing but the speed-up: the JVM warns and
runs without it (-Xshare:auto, the default)."""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class JvmArchive:
    """The class archive of one role ("server", "importer") of one launcher jar build."""

    jar: Path
    role: str

    @property
    def path(self) -> Path:
        """Where the settled archive lives: beside the jar, one per role, jar build and jar
        path (an archive holds the class path it was recorded with and maps only for it)."""
        built = self.jar.stat().st_mtime_ns if self.jar.is_file() else 0
        where = zlib.crc32(str(self.jar).encode())
        return self.jar.parent / "cds" / f"{self.role}-{built}-{where:08x}.jsa"

    def options(self, scratch: Path) -> list[str]:
        """The JVM options: map the archive when there is one, else record it into
        `scratch` (a folder of this run) at exit."""
        if self.path.is_file():
            return [f"-XX:SharedArchiveFile={self.path}"]
        return [f"-XX:ArchiveClassesAtExit={self.recording(scratch)}"]

    def recording(self, scratch: Path) -> Path:
        """The archive a run records into `scratch`."""
        return scratch / f"{self.role}.jsa.recording"

    def settle(self, scratch: Path) -> None:
        """After the JVM has exited: keep the archive it recorded (if any) for the next runs."""
        recorded = self.recording(scratch)
        if not recorded.is_file() or recorded.stat().st_size == 0:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.is_file():  # another run settled one first
            recorded.unlink()
            return
        os.replace(recorded, self.path)
