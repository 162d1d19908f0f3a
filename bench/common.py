"""What the benches share: timing, percentiles, a lean HTTP client, the API in uvicorn, Neo4j."""

from __future__ import annotations

import argparse
import math
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, LiteralString
from urllib.parse import urlencode

import orjson
import psutil

from core.localdb import LocalNeo4j, free_port
from core.settings import PROJECT_ROOT, Settings
from cypher import query

BENCH_CYPHER = Path(__file__).resolve().parent / "cypher"


def bench_query(name: str) -> LiteralString:
    """A benchmark-only statement, bench/cypher/<name>.cypher (cypher.query's reader, cached)."""
    return query(name, BENCH_CYPHER)


def timed(call: Callable[[], object]) -> float:
    """Seconds one call takes."""
    began = time.perf_counter()
    call()
    return time.perf_counter() - began


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0 < q <= 100) by the nearest-rank method; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q / 100 * len(ordered))) - 1]


def p50(seconds: Sequence[float]) -> float:
    """The median of samples in seconds, in milliseconds."""
    return (percentile(seconds, 50) or 0.0) * 1000


def p95(seconds: Sequence[float]) -> float:
    """The 95th percentile of samples in seconds, in milliseconds."""
    return (percentile(seconds, 95) or 0.0) * 1000


def median_ms(call: Callable[[], object], samples: int, warmup: int = 0) -> float:
    """The median wall time of a call in milliseconds, after `warmup` untimed calls."""
    for _ in range(warmup):
        call()
    return p50([timed(call) for _ in range(samples)])


class Http:
    """A keep-alive HTTP/1.1 client on one socket: its own cost stays small and steady (~0.07 ms
    a request less than http.client, which parses headers with the email package; ~1.4 ms of
    CPU less than httpx), so what is timed is the server. Reads Content-Length bodies only,
    which is all this API sends outside CSV streaming. `headers` go with every request (a
    page session's Cookie, say)."""

    def __init__(self, base: str, headers: dict[str, str] | None = None) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.address = (host, int(port))
        self.extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
        self.sock: socket.socket | None = None
        self.pending = b""

    def get(self, path: str, **params: Any) -> bytes:
        """The body of a 200 answer to GET path?params; anything else raises."""
        url = f"{path}?{urlencode(params)}" if params else path
        return self._request(
            f"GET {url} HTTP/1.1\r\nHost: {self.address[0]}\r\n{self.extra}\r\n".encode())

    def post_json(self, path: str, payload: dict[str, Any]) -> bytes:
        """The body of a 200 answer to a JSON POST; anything else raises."""
        body = orjson.dumps(payload)
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.address[0]}\r\n{self.extra}"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
        return self._request(head.encode() + body)

    def _request(self, request: bytes) -> bytes:
        """Send one request, read its answer; raises unless 200."""
        try:
            head = self._exchange(request)
        except ConnectionError:  # the server closed an idle connection (keep-alive timeout)
            self.close()
            head = self._exchange(request)
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        fields = dict(line.lower().split(b":", 1) for line in lines[1:])
        body = self._exactly(int(fields[b"content-length"]))
        if fields.get(b"connection", b"").strip() == b"close":
            self.close()
        if status != 200:
            raise RuntimeError(f"{request.split(b' HTTP/')[0].decode()}: {status} {body[:300]!r}")
        return body

    def _exchange(self, request: bytes) -> bytes:
        """Send the request (connecting first if needed); the answer's head."""
        if self.sock is None:
            self.sock = socket.create_connection(self.address, timeout=60)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.pending = b""
        self.sock.sendall(request)
        return self._until(b"\r\n\r\n")

    def _until(self, marker: bytes) -> bytes:
        """Bytes up to the marker (consumed, not returned)."""
        while marker not in self.pending:
            self._receive()
        found, _, self.pending = self.pending.partition(marker)
        return found

    def _exactly(self, size: int) -> bytes:
        """The next `size` bytes."""
        while len(self.pending) < size:
            self._receive()
        found, self.pending = self.pending[:size], self.pending[size:]
        return found

    def _receive(self) -> None:
        """Append what the socket has; a closed connection raises."""
        assert self.sock is not None
        chunk = self.sock.recv(262_144)
        if not chunk:
            self.close()
            raise ConnectionError("the server closed the connection")
        self.pending += chunk

    def close(self) -> None:
        """Close the connection (the next request opens another)."""
        if self.sock is not None:
            self.sock.close()
            self.sock = None


@dataclass(frozen=True)
class Served:
    """A running API server: its base URL and process id."""

    base: str
    pid: int


@contextmanager
def api_server(settings: Settings, workers: int = 1, tree: str | None = None,
               env: dict[str, str] | None = None) -> Iterator[Served]:
    """uvicorn (uvloop, httptools) serving the app in its own processes, from this tree or
    another checkout (`tree`, e.g. `git worktree add /tmp/base HEAD~1`), ready."""
    port = free_port()
    environment = {**os.environ, "PEERGRAPH_NEO4J_URI": settings.neo4j_uri,
                   "PEERGRAPH_NEO4J_PASSWORD": settings.password(), **(env or {})}
    if tree:
        environment["PYTHONPATH"] = str(Path(tree).resolve())
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory", "--host",
         "127.0.0.1", "--port", str(port), "--workers", str(workers), "--loop", "uvloop",
         "--http", "httptools", "--log-level", "warning", "--no-access-log"],
        env=environment, cwd=tree or PROJECT_ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, server)
        yield Served(base, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_ready(base: str, server: subprocess.Popen[bytes], within_s: float = 120) -> None:
    """Return once GET /ready answers 200 (Neo4j reached, schema applied)."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline and server.poll() is None:
        client = Http(base)
        try:
            client.get("/ready")
            return
        except (OSError, RuntimeError):
            time.sleep(0.1)
        finally:
            client.close()
    raise RuntimeError(f"the API at {base} did not become ready")


def settings_from(args: argparse.Namespace) -> Settings:
    """Where the graph is: the flags a bench has (--uri, --password-file, --password, --user,
    --database), then PEERGRAPH_* variables; never `.env` (a bench may write to the graph)."""
    password_file = getattr(args, "password_file", None)
    password = (Path(password_file).read_text().strip() if password_file
                else getattr(args, "password", None))
    flags: dict[str, Any] = {"neo4j_uri": getattr(args, "uri", None), "neo4j_password": password,
                             "neo4j_user": getattr(args, "user", None),
                             "neo4j_database": getattr(args, "database", None)}
    return Settings(_env_file=None, **{k: v for k, v in flags.items() if v is not None})


@contextmanager
def throwaway_neo4j(heap: str = "1g", pagecache: str = "512m") -> Iterator[Settings]:
    """A Neo4j of its own in a temporary home, started and then stopped; settings for it."""
    password = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory() as home:
        local = LocalNeo4j(Path(home), "127.0.0.1", free_port(), password, heap, pagecache,
                           Settings(_env_file=None).launcher_jar)
        local.start()
        try:
            yield Settings(_env_file=None, neo4j_uri=local.uri, neo4j_user="neo4j",
                           neo4j_password=password, neo4j_database="neo4j")
        finally:
            local.stop()


def peak_rss_while(pid: int, work: Callable[[], object], every_s: float = 0.02
                   ) -> tuple[int, int]:
    """(RSS before, peak RSS during work) of process pid, sampled every `every_s`."""
    process = psutil.Process(pid)
    before = peak = process.memory_info().rss
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, process.memory_info().rss)
            time.sleep(every_s)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        work()
    finally:
        done.set()
        sampler.join()
    return before, peak
