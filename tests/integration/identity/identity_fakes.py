"""Local stand-ins for the outside world of identity: ORCID's OAuth token endpoint and an
SMTP server, both real servers on 127.0.0.1 (the only fakes these tests use)."""

from __future__ import annotations

import json
import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs


class FakeOrcid:
    """ORCID's /oauth/token: each registered code is good once and names one iD."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.requests: list[dict[str, str]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                fake.requests.append(form)
                orcid = fake.codes.pop(form.get("code", ""), None)
                if self.path != "/oauth/token" or orcid is None:
                    self._answer(400, {"error": "invalid_grant"})
                    return
                self._answer(200, {"access_token": "fake-access", "token_type": "bearer",
                                   "scope": "/authenticate", "name": "Someone",
                                   "orcid": orcid})

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                """Quiet."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


class FakeSmtp:
    """Enough SMTP (EHLO, MAIL, RCPT, DATA, QUIT) to receive messages into `received`."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        fake = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self._say("220 fake.smtp ESMTP")
                mail: dict[str, Any] = {"to": []}
                while line := self.rfile.readline().decode():
                    verb = line[:4].upper()
                    if verb in ("EHLO", "HELO"):
                        self._say("250 fake.smtp")
                    elif verb == "MAIL":
                        mail["from"] = line[10:].strip()
                        self._say("250 OK")
                    elif verb == "RCPT":
                        mail["to"].append(line[8:].strip())
                        self._say("250 OK")
                    elif verb == "DATA":
                        self._say("354 end with .")
                        mail["data"] = self._data()
                        fake.received.append(mail)
                        mail = {"to": []}
                        self._say("250 queued")
                    elif verb == "QUIT":
                        self._say("221 bye")
                        return
                    else:
                        self._say("250 OK")

            def _data(self) -> str:
                lines = []
                while (line := self.rfile.readline().decode()) not in (".\r\n", ".\n", ""):
                    lines.append(line)
                return "".join(lines)

            def _say(self, text: str) -> None:
                self.wfile.write((text + "\r\n").encode())

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()
