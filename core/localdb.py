"""Start, stop and inspect the project's own Neo4j (the Java launcher), without Docker."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from core.jvm_archive import JvmArchive
from core.settings import Settings

READY, ERROR = "PEERGRAPH-LAUNCHER READY", "PEERGRAPH-LAUNCHER ERROR"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class LocalDbError(RuntimeError):
    """One clear line saying what went wrong with the local Neo4j and what to do."""


@dataclass(frozen=True)
class LocalNeo4j:
    """A Neo4j run by the launcher jar: where its data lives, where Bolt listens, its memory."""

    home: Path
    host: str
    port: int
    password: str
    heap: str = "4g"
    pagecache: str = "4g"
    jar: Path = Path("launcher/target/peergraph-neo4j-launcher.jar")
    start_timeout_s: float = 180.0

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalNeo4j:
        """The local Neo4j the settings describe; refuses a URI that is not on this machine."""
        host, port = settings.bolt_host_port
        if host not in LOCAL_HOSTS:
            raise LocalDbError(
                f"PEERGRAPH_NEO4J_URI points at {host}; `peergraph db` manages only a Neo4j "
                "on this machine (127.0.0.1)."
            )
        return cls(settings.local_db_home, "127.0.0.1", port, settings.password(),
                   settings.local_db_heap, settings.local_db_pagecache, settings.launcher_jar,
                   settings.local_db_start_timeout_s)

    @property
    def pid_file(self) -> Path:
        """Where the running launcher's process id is kept."""
        return self.home / "launcher.pid"

    @property
    def log_file(self) -> Path:
        """The launcher's own output (READY/ERROR lines, JVM messages)."""
        return self.home / "launcher.log"

    @property
    def uri(self) -> str:
        """The Bolt URI clients use."""
        return f"bolt://{self.host}:{self.port}"

    def pid(self) -> int | None:
        """The launcher's pid when it is running, else None (a stale pid file is ignored)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if _alive(pid) else None

    def command(self) -> list[str]:
        """The java command line; the password travels in the environment, never here."""
        java = java_for(self.jar)
        return [java, f"-Xms{self.heap}", f"-Xmx{self.heap}", "-XX:+UseG1GC",
                "-XX:+ExitOnOutOfMemoryError", *JvmArchive(self.jar, "server").options(self.home),
                "-jar", str(self.jar), "--home", str(self.home),
                "--bolt-address", self.host, "--bolt-port", str(self.port),
                "--pagecache", self.pagecache]

    def start(self) -> int:
        """Start the launcher and return its pid once Bolt answers; raise LocalDbError if not."""
        running = self.pid()
        if running is not None:
            return running
        if len(self.password) < 8:
            raise LocalDbError("PEERGRAPH_NEO4J_PASSWORD must have at least 8 characters "
                               "(Neo4j's minimum).")
        _require_free_port(self.host, self.port)
        command = self.command()
        self.home.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PEERGRAPH_NEO4J_PASSWORD": self.password}
        with self.log_file.open("w") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, env=env,
                                       start_new_session=True)
        self.pid_file.write_text(str(process.pid))
        self._wait_ready(process)
        return process.pid

    def _wait_ready(self, process: subprocess.Popen[bytes]) -> None:
        """Poll the launcher's log for its READY or ERROR line."""
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline:
            text = self.log_file.read_text(errors="replace")
            if READY in text:
                return
            if ERROR in text or process.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                process.wait(timeout=30)
                raise LocalDbError(_failure_reason(text, self.log_file))
            time.sleep(0.2)
        self.stop()
        raise LocalDbError(f"Neo4j did not become ready within {self.start_timeout_s:.0f}s; "
                           f"see {self.log_file} and {self.home / 'logs'}.")

    def stop(self, timeout_s: float = 120.0) -> bool:
        """Shut Neo4j down cleanly (SIGTERM, then wait); False when it was not running."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not _alive(pid):
                self.pid_file.unlink(missing_ok=True)
                JvmArchive(self.jar, "server").settle(self.home)
                return True
            time.sleep(0.2)
        raise LocalDbError(f"Neo4j (pid {pid}) did not stop within {timeout_s:.0f}s; "
                           f"see {self.log_file}.")


def java_for(jar: Path) -> str:
    """The java binary to run the launcher jar with; LocalDbError when either is missing."""
    java = shutil.which("java")
    if java is None:
        raise LocalDbError("Java is not installed: install a Java 17+ runtime "
                           "(e.g. `apt-get install openjdk-17-jre-headless`).")
    if not jar.is_file():
        raise LocalDbError(f"The Neo4j launcher is not built ({jar} is missing): "
                           "run `make install` (it builds launcher/ with Maven).")
    return java


def _alive(pid: int) -> bool:
    """True while the process runs; a zombie (exited, not yet reaped by its parent) is dead."""
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if finished == pid:
            return False
    except ChildProcessError:
        pass  # not our child (e.g. started by `peergraph run`): look at it instead
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return _process_state(pid) != "Z"


def _process_state(pid: int) -> str:
    """The kernel's one-letter state of a process (R, S, Z…), or "" where /proc is absent."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[-1].split()[0]


def _require_free_port(host: str, port: int) -> None:
    """Fail early, naming the port, when something already listens there."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise LocalDbError(
                f"Port {port} on {host} is already in use: stop what listens there, or set "
                "PEERGRAPH_NEO4J_URI to another port (e.g. bolt://127.0.0.1:7688)."
            ) from exc


def _failure_reason(log_text: str, log_file: Path) -> str:
    """The launcher's ERROR line, or the end of its log when the JVM died without one."""
    for line in log_text.splitlines():
        if line.startswith(ERROR):
            return line[len(ERROR):].strip()
    tail = " | ".join(log_text.strip().splitlines()[-3:]) or "no output"
    return f"Neo4j exited during start-up ({tail}); see {log_file}."


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now (for throwaway test databases)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
