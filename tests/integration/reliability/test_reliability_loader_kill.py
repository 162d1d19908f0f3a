"""Faults: the OpenAlex loader is SIGKILLed mid-file and re-run; the graph equals a clean load.

The load runs as a real `peergraph load openalex` process (nothing in it can catch SIGKILL),
against the session's Neo4j. The kill comes once its checkpoint says some batches are
committed; whatever was in flight is lost, and the re-run must redo it from the checkpoint."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from neo4j import Driver
from reliability_helpers import fingerprint

from core.db import delete_everything, record_schema_version
from core.settings import Settings
from loaders.openalex import load_openalex
from loaders.pipeline import LoadOptions
from loaders.synthetic import write_synthetic

WORKS, BATCH = 12_000, 100  # big enough that a busy machine cannot finish it before the kill
KILL_AFTER_LINE = 5 * BATCH  # some batches committed, most of the file still to come
# The CLI's entry point, without depending on the console script being on PATH.
PEERGRAPH = [sys.executable, "-c", "from cli import main; main()"]
PROJECT_ROOT = Path(__file__).resolve().parents[3]


def _env(settings: Settings, state_dir: Path) -> dict[str, str]:
    """The environment of a CLI process pointed at the test Neo4j and its own state folder."""
    return {**os.environ, "PEERGRAPH_NEO4J_URI": settings.neo4j_uri,
            "PEERGRAPH_NEO4J_USER": settings.neo4j_user,
            "PEERGRAPH_NEO4J_PASSWORD": settings.password(),
            "PEERGRAPH_LOAD_STATE_DIR": str(state_dir)}


def _committed_line(state_dir: Path) -> int:
    """The highest line any checkpoint of the state folder records as committed (0: none)."""
    lines = [0]
    for checkpoint in (state_dir / "checkpoints").glob("*.json"):
        try:
            lines.append(int(orjson.loads(checkpoint.read_bytes())["line"]))
        except (OSError, orjson.JSONDecodeError, KeyError):
            continue  # being replaced right now: read it on the next poll
    return max(lines)


def _kill_once_committed(process: subprocess.Popen[bytes], state_dir: Path) -> int:
    """SIGKILL the load once its checkpoint passes KILL_AFTER_LINE; the line it had reached."""
    while process.poll() is None and _committed_line(state_dir) < KILL_AFTER_LINE:
        time.sleep(0.02)  # polling the checkpoint, not asserting on time
    if process.poll() is not None:
        pytest.fail(f"the load ended (exit {process.returncode}) before it could be killed: "
                    f"{process.stderr.read().decode()[-500:] if process.stderr else ''}")
    process.send_signal(signal.SIGKILL)
    process.wait()
    return _committed_line(state_dir)


def _cli_load(path: Path, settings: Settings, state_dir: Path) -> subprocess.Popen[bytes]:
    """Start `peergraph load openalex PATH --batch-size BATCH` as its own process."""
    return subprocess.Popen([*PEERGRAPH, "load", "openalex", str(path), "--batch-size",
                             str(BATCH)], cwd=PROJECT_ROOT, env=_env(settings, state_dir),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _work_count(driver: Driver, settings: Settings) -> int:
    records, _, _ = driver.execute_query("MATCH (w:Work) RETURN count(w) AS works",
                                         database_=settings.neo4j_database)
    return int(records[0]["works"])


def test_sigkilled_load_rerun_equals_a_clean_load(driver: Driver, settings: Settings,
                                                  tmp_path: Path) -> None:
    works_file = tmp_path / "works.jsonl"
    write_synthetic(works_file, WORKS, seed=7)
    state_dir = tmp_path / "state"

    killed = _cli_load(works_file, settings, state_dir)
    reached = _kill_once_committed(killed, state_dir)
    assert killed.returncode == -signal.SIGKILL
    assert KILL_AFTER_LINE <= reached < WORKS  # really mid-file
    partial = _work_count(driver, settings)

    rerun = _cli_load(works_file, settings, state_dir)
    _, stderr = rerun.communicate()
    report = stderr.decode()
    assert rerun.returncode == 0, report[-1000:]
    assert "openalex load completed" in report
    loaded = int(re.search(r"completed: ([\d,]+) records loaded", report)[1]  # type: ignore[index]
                 .replace(",", ""))
    assert loaded < WORKS  # it resumed from the checkpoint instead of starting over
    # The killed run could not record its end; the run that took over marks it.
    runs, _, _ = driver.execute_query(
        "MATCH (r:LoadRun) RETURN r.id AS id, r.status AS status, r.superseded_by AS by "
        "ORDER BY r.started", database_=settings.neo4j_database)
    assert [run["status"] for run in runs] == ["interrupted", "completed"]
    assert runs[0]["by"] == runs[1]["id"] and runs[1]["by"] is None
    resumed = fingerprint(driver, settings.neo4j_database)

    delete_everything(driver, settings.neo4j_database)
    record_schema_version(driver, settings.neo4j_database)
    clean = load_openalex(driver, settings.neo4j_database, works_file,
                          LoadOptions(state_dir=tmp_path / "clean", batch_size=BATCH,
                                      progress=False))
    assert clean.status == "completed"
    expected = fingerprint(driver, settings.neo4j_database)
    assert resumed.nodes == expected.nodes
    assert resumed.relationships == expected.relationships
    assert resumed.checksum == expected.checksum
    # Works include stubs for references outside the file, so compare with the clean load.
    assert 0 < partial < expected.nodes["Work"]
