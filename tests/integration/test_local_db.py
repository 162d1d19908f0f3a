"""`peergraph db start|stop|status` run a real Neo4j whose data survives a restart."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from core.localdb import free_port
from core.settings import Settings

pytestmark = pytest.mark.skipif(not Settings().launcher_jar.is_file(),
                                reason="launcher not built (make install builds it)")


def _peergraph(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from cli import main; main()", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def local_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERGRAPH_")}
    env.update(PEERGRAPH_NEO4J_URI=f"bolt://127.0.0.1:{free_port()}",
               PEERGRAPH_NEO4J_PASSWORD=secrets.token_urlsafe(12),
               PEERGRAPH_LOCAL_DB_HOME=str(tmp_path / "neo4j"),
               PEERGRAPH_LOCAL_DB_HEAP="512m", PEERGRAPH_LOCAL_DB_PAGECACHE="128m")
    yield env
    _peergraph(env, "db", "stop")


def _write_then_read(env: dict[str, str], write: bool) -> int:
    auth = ("neo4j", env["PEERGRAPH_NEO4J_PASSWORD"])
    with GraphDatabase.driver(env["PEERGRAPH_NEO4J_URI"], auth=auth) as driver:
        if write:
            driver.execute_query("CREATE (:Probe {id: 'kept'})")
        records, _, _ = driver.execute_query("MATCH (p:Probe {id: 'kept'}) RETURN count(p) AS n")
    return int(records[0]["n"])


def test_data_survives_stop_and_start(local_env: dict[str, str]) -> None:
    started = _peergraph(local_env, "db", "start")
    assert started.returncode == 0, started.stderr
    assert "started in" in started.stdout  # what a command did: stdout (errors: stderr)
    assert _write_then_read(local_env, write=True) == 1
    assert "Neo4j stopped." in _peergraph(local_env, "db", "stop").stdout
    assert _peergraph(local_env, "db", "status").returncode == 3
    assert _peergraph(local_env, "db", "start").returncode == 0
    assert _write_then_read(local_env, write=False) == 1
    status = _peergraph(local_env, "db", "status")
    assert status.returncode == 0 and "1 node," in status.stdout


def test_port_in_use_is_one_clear_line(local_env: dict[str, str]) -> None:
    assert _peergraph(local_env, "db", "start").returncode == 0
    second = {**local_env, "PEERGRAPH_LOCAL_DB_HOME": local_env["PEERGRAPH_LOCAL_DB_HOME"] + "2"}
    failed = _peergraph(second, "db", "start")
    assert failed.returncode == 1
    assert "already in use" in failed.stderr and "Traceback" not in failed.stderr
