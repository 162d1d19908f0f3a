"""Neo4j's offline importer (`neo4j-admin database import full`) in its own JVM, from the
launcher jar's classpath (launcher/…/BulkImport.java), into a staging home; then the
database moved into a target home laid out as core/localdb.py's LocalNeo4j expects."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import Conflict, PeergraphError
from core.jvm_archive import JvmArchive
from core.localdb import java_for
from core.memory import peak_rss

ENTRY = "org.peergraph.launcher.BulkImport"
# With --verbose (kept on: only then does a failure say which file, line and field) the
# importer prints each step as "Relationships, started 2026-…" and its progress as bars
# ending "]  10.0K ∆10.0K"; the steps are grouped into the phases shown on the terminal.
STEP = re.compile(r"(\S[^,]*), started \d{4}-\d\d-\d\d")
DONE = re.compile(r"\]\s*([\d.]+[KMGT]?) ∆")
IMPORTED = re.compile(r"^\s+(\d+) (nodes|relationships|properties)$")
REPORT_LINES_KEPT = 5  # of the importer's bad-entries report, shown in the summary
FAILURE_LINES_KEPT = 6


class ImportFailed(PeergraphError):
    """Neo4j's importer refused the input or stopped part-way; the message says where."""

    status, code, title = 500, "import_failed", "Bulk import failed"


@dataclass
class ImportReport:
    """What the importer did: its counts, peak memory, and its bad-entries report."""

    nodes: int = 0
    relationships: int = 0
    properties: int = 0
    peak_rss_bytes: int = 0
    bad_entries: int = 0
    first_bad: list[str] = field(default_factory=list)
    report_file: Path | None = None


@dataclass(frozen=True)
class OfflineImporter:
    """How to run the importer: the launcher jar, its JVM heap, its off-heap bound, threads."""

    jar: Path
    heap: str
    off_heap: str
    threads: int

    def command(self, staging: Path, database: str, arguments: Sequence[str]) -> list[str]:
        """The java command line: BulkImport, the staging home, then the importer's options."""
        java = java_for(self.jar)
        classpath = f"{self.jar}{os.pathsep}{self.jar.parent / 'lib' / '*'}"
        return [java, f"-Xms{self.heap}", f"-Xmx{self.heap}", "-XX:+UseG1GC",
                "-XX:+ExitOnOutOfMemoryError", *JvmArchive(self.jar, "importer").options(staging),
                "-cp", classpath, ENTRY, str(staging),
                database, "--verbose", f"--max-off-heap-memory={self.off_heap}",
                f"--threads={self.threads}", *arguments]

    def run(self, staging: Path, database: str, arguments: Sequence[str], report: Path,
            log_file: Path, on_stage: Callable[[str, str], None]) -> ImportReport:
        """Run the importer to the end; `on_stage(phase, step)` as it goes; ImportFailed
        (with the importer's own reason) when it does not import."""
        command = self.command(staging, database, [*arguments, f"--report-file={report}"])
        with log_file.open("w", encoding="utf-8") as log:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, text=True, bufsize=1)
            result, stage = ImportReport(), ""
            assert process.stdout is not None  # stdout=PIPE above
            for line in process.stdout:  # the JVM's peak, read while it runs (a few hundred lines)
                result.peak_rss_bytes = max(result.peak_rss_bytes, peak_rss(process.pid))
                log.write(line)
                stage = _follow(line.rstrip("\n"), stage, result, on_stage)
            process.wait()
        JvmArchive(self.jar, "importer").settle(staging)
        if process.returncode != 0:
            raise ImportFailed(f"Neo4j's importer failed (exit {process.returncode}): "
                               f"{failure_reason(log_file)}; see {log_file}")
        _read_report(report, result)
        return result


def phase_of(step: str) -> str:
    """The phase an importer step belongs to (its id mapping counts with the nodes)."""
    if step.endswith("Nodes") or "node index" in step or step == "DEDUP":
        return "import nodes"
    if step.endswith("Relationships"):
        return "import relationships"
    return "post-process" if "counts" in step else "link relationships"


def _follow(line: str, stage: str, result: ImportReport,
            on_stage: Callable[[str, str], None]) -> str:
    """Update the step and counts from one output line; the current step."""
    if found := STEP.search(line):
        stage = found.group(1)
        if stage.startswith("WARNING"):  # the heap warning has no line end: the step follows
            stage = stage[stage.rfind("iB") + 2:]
        on_stage(phase_of(stage), stage)
    elif (done := DONE.search(line)) and stage:
        on_stage(phase_of(stage), f"{stage}: {done.group(1)}")
    elif counted := IMPORTED.match(line):
        setattr(result, counted.group(2), int(counted.group(1)))
    return stage


def failure_reason(log_file: Path) -> str:
    """The importer's innermost reason: the first 'Caused by' block without its stack, or
    the last lines of its output."""
    lines = log_file.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines):
        if line.startswith("Caused by:"):
            block = [line.removeprefix("Caused by: ")]
            for detail in lines[number + 1:number + FAILURE_LINES_KEPT]:
                if detail.startswith("\tat "):
                    break
                block.append(detail.strip())
            return "; ".join(block)
    return " | ".join(ln for ln in lines[-3:] if ln.strip()) or "no output"


def _read_report(report: Path, result: ImportReport) -> None:
    """Fold the importer's bad-entries report (one line per skipped entry) into the result."""
    if not report.is_file():
        return
    with report.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.strip():
                result.bad_entries += 1
                if len(result.first_bad) < REPORT_LINES_KEPT:
                    result.first_bad.append(line.strip())
    result.report_file = report if result.bad_entries else None


def has_data(home: Path) -> bool:
    """True when a Neo4j home holds a database already (anything under data/)."""
    data = home / "data"
    return data.is_dir() and any(data.iterdir())


def check_target(home: Path, replace: bool, running: bool) -> None:
    """Refuse a running target, or (without `replace`) one that holds a database."""
    if running:
        raise Conflict(f"A Neo4j is running on {home}: stop it first (`peergraph db stop`).")
    if has_data(home) and not replace:
        raise Conflict(f"{home} already holds a Neo4j database; `peergraph import` makes a "
                       "fresh store: pass --replace to delete it, or --home another folder.")


def prepare_target(home: Path, replace: bool, running: bool) -> None:
    """check_target, then (with `replace`) delete the database that is there."""
    check_target(home, replace, running)
    if has_data(home):
        shutil.rmtree(home / "data")


def move_into_place(staging: Path, home: Path, database: str) -> None:
    """Move the imported database (store and transaction logs) from the staging home into
    the target home; Neo4j makes the system database at the first start."""
    for area in ("databases", "transactions"):
        source = staging / "data" / area / database
        if source.is_dir():
            target = home / "data" / area / database
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(source), str(target))
