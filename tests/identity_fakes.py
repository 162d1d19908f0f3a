"""Local stand-ins for the outside world of identity: ORCID's OAuth endpoints (authorize and
token) and an SMTP server, all real servers on 127.0.0.1 (the only fakes these tests use)."""

from __future__ import annotations

import html
import json
import secrets
import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit


class FakeOrcid:
    """ORCID's /oauth/authorize and /oauth/token: each registered code is good once and names
    one iD (and the name in `names`, "Someone" when it has none there).

    /oauth/authorize stands for a person signing in at ORCID: it sends the browser back to the
    redirect_uri with a new code for `next_orcid` (named `next_name`), or with
    error=access_denied when `deny` is set; `authorized` keeps what each visit asked. With
    `consent` set it answers a page whose "Authorize access" link goes back instead, as
    ORCID's own page does (the way back is then a navigation that ORCID's page starts)."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.names: dict[str, str | None] = {}
        self.requests: list[dict[str, str]] = []
        self.authorized: list[dict[str, str]] = []
        self.next_orcid = "0000-0002-1825-0097"
        self.next_name: str | None = "Josiah Carberry"
        self.deny = self.consent = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                fake.authorized.append(query)
                if url.path != "/oauth/authorize" or "redirect_uri" not in query:
                    self._answer(404, {"error": "not_found"})
                    return
                back = query["redirect_uri"]
                to = f"{back}{'&' if '?' in back else '?'}{fake.answer(query)}"
                if fake.consent:  # a page of its own, whose link the person follows
                    page = (f'<link rel="icon" href="data:,"><a href="{html.escape(to)}">'
                            'Authorize access</a>').encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(page)))
                    self.end_headers()
                    self.wfile.write(page)
                    return
                self.send_response(302)
                self.send_header("Location", to)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                fake.requests.append(form)
                orcid = fake.codes.pop(form.get("code", ""), None)
                if self.path != "/oauth/token" or orcid is None:
                    self._answer(400, {"error": "invalid_grant"})
                    return
                name = fake.names.pop(form["code"], "Someone")
                self._answer(200, {"access_token": "fake-access", "token_type": "bearer",
                                   "scope": "/authenticate", "name": name, "orcid": orcid})

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

    def answer(self, query: dict[str, str]) -> str:
        """The query ORCID sends the browser back with: a new code, or the refusal."""
        if self.deny:
            return urlencode({"error": "access_denied", "error_description": "User denied "
                              "access", "state": query.get("state", "")})
        code = secrets.token_urlsafe(6)
        self.codes[code], self.names[code] = self.next_orcid, self.next_name
        return urlencode({"code": code, "state": query.get("state", "")})

    def reset(self) -> None:
        """Forget codes and requests; the next visit signs in the default iD again."""
        self.codes.clear()
        self.names.clear()
        self.requests.clear()
        self.authorized.clear()
        self.next_orcid, self.next_name = "0000-0002-1825-0097", "Josiah Carberry"
        self.deny = self.consent = False

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
