"""A minimal keep-alive HTTP/1.1 client for the API benchmarks (bench/api.py)."""

from __future__ import annotations

import socket
from typing import Any
from urllib.parse import urlencode


class Http:
    """A minimal keep-alive HTTP/1.1 GET client on one socket: the client's own cost stays
    small and steady (~0.07 ms a request less than http.client, which parses headers with
    the email package), so the HTTP side measures the server. Reads Content-Length bodies
    only, which is all this API sends."""

    def __init__(self, base: str) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.address = (host, int(port))
        self.sock: socket.socket | None = None
        self.pending = b""

    def get(self, path: str, **params: Any) -> bytes:
        """The body of a 200 answer; anything else raises."""
        url = f"{path}?{urlencode(params)}" if params else path
        request = f"GET {url} HTTP/1.1\r\nHost: {self.address[0]}\r\n\r\n".encode()
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
            raise RuntimeError(f"GET {url}: {status} {body[:300]!r}")
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
        """Close the connection (the next get opens another)."""
        if self.sock is not None:
            self.sock.close()
            self.sock = None
