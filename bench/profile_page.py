"""The profile page for a signed-in visitor against an anonymous one, same server, alternating.

Usage: .venv/bin/python -m bench.profile_page [--samples 200] [--warmup 200]

A throwaway Neo4j with the bundled sample, scored; the app in uvicorn (bench.common.api_server)
with an accounts store (SQLite) and a file outbox of its own in a temporary folder. The
signed-in visitor is a real one: it signs up through the pages (GET /signin, POST /signin/code,
the code read from the file outbox, POST /signin/verify), then, through the profile page's
own writes, follows researcher0, claims researcher1 by the code e-mailed to the address on its
record (so it holds a record), and starts a claim of researcher0, which another user signed
up the same way holds (so an open claim and the invitation form are shown): every part of
the page's viewer (service/web/views.py viewer_of) finds something. The
anonymous visitor is a browser that kept the cookie of its first visit (a session id the store
does not know). Both then GET /authors/researcher0 on their own keep-alive socket
(bench.common.Http, which sends the Cookie header), in turn, the first of each pair swapped
every round; after the warm-up rounds, p50 and p95 of each and the ratio signed-in/anonymous
(target <= 1.3x)."""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import tempfile
from pathlib import Path

import httpx

from bench.common import Http, api_server, p50, p95, throwaway_neo4j, timed
from core.accounts import open_store
from core.db import apply_schema, make_driver
from core.settings import Settings
from loaders.sample import load_sample
from scoring.run import RunOptions, rescore
from service.identity import accounts
from service.web.session import COOKIE_NAME

PAGE = "/authors/researcher0"
VISITOR, HOLDER = "bench.visitor@example.org", "bench.holder@example.org"
HELD, HELD_EMAIL = "researcher1", "r1@bench.example.org"  # the record the visitor holds
HOLDER_EMAIL = "r0@bench.example.org"  # researcher0's: another user holds it
OPEN_EMAIL = "r0.too@bench.example.org"  # also researcher0's: the visitor's open claim
CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


def _code(outbox: Path, address: str) -> str:
    """The code of the newest message the file outbox holds for the address."""
    messages = [json.loads(line) for line in outbox.read_text().splitlines()]
    body = [m["body"] for m in messages if m["to"] == address][-1]
    found = re.search(r"the code is (\d{6})", body)
    assert found, body
    return found.group(1)


def _csrf(client: httpx.Client, path: str = PAGE) -> str:
    """The CSRF token of the client's session, as a page carries it."""
    response = client.get(path)
    response.raise_for_status()
    found = CSRF.search(response.text)
    assert found, response.text[:500]
    return found.group(1)


def _ok(response: httpx.Response, *statuses: int) -> httpx.Response:
    """The response, when its status is one of these; else raise with its body."""
    if response.status_code not in statuses:
        raise RuntimeError(f"{response.request.method} {response.request.url.path}: "
                           f"{response.status_code} {response.text[:300]}")
    return response


def sign_up(client: httpx.Client, outbox: Path, email: str) -> dict[str, str]:
    """Sign up by the e-mailed code through the sign-in pages; the page writes' CSRF header."""
    form = {"email": email, "csrf_token": _csrf(client, "/signin"), "next": PAGE}
    _ok(client.post("/signin/code", data=form), 200)
    _ok(client.post("/signin/verify", data={**form, "code": _code(outbox, email)}), 303)
    return {"X-CSRF-Token": _csrf(client)}  # the session id, so the token, changed at sign-in


def claim(client: httpx.Client, headers: dict[str, str], outbox: Path, author_id: str,
          email: str, verify: bool) -> None:
    """Claim a record from its profile page by the code sent to an address on it; verified,
    or left pending."""
    started = _ok(client.post(f"/web/authors/{author_id}/claims", headers=headers,
                              json={"method": "email", "email": email}), 201).json()
    if verify:
        done = _ok(client.post(f"/web/claims/{started['claim']['id']}/verify", headers=headers,
                               json={"code": _code(outbox, email)}), 200).json()
        assert done["claim"]["status"] == "verified", done


def sign_in(base: str, outbox: Path) -> str:
    """Another user holds researcher0; the visitor signs up, follows researcher0, holds
    researcher1 and starts a claim of researcher0, all through the app's routes. The visitor's
    session cookie."""
    with httpx.Client(base_url=base, timeout=60) as holder:
        claim(holder, sign_up(holder, outbox, HOLDER), outbox, "researcher0", HOLDER_EMAIL,
              verify=True)
    with httpx.Client(base_url=base, timeout=60) as client:
        headers = sign_up(client, outbox, VISITOR)
        _ok(client.put(f"/web{PAGE}/follow", headers=headers), 200)
        claim(client, headers, outbox, HELD, HELD_EMAIL, verify=True)
        claim(client, headers, outbox, "researcher0", OPEN_EMAIL, verify=False)
        return client.cookies[COOKIE_NAME]


def first_visit(base: str) -> str:
    """The cookie an anonymous browser keeps from its first visit to the page."""
    with httpx.Client(base_url=base, timeout=60) as client:
        _ok(client.get(PAGE), 200)
        return client.cookies[COOKIE_NAME]


def check_pages(signed: bytes, anonymous: bytes) -> None:
    """The signed-in page shows the viewer's state; the anonymous one shows none of it."""
    for shown in (b'data-testid="signed-in-as"', b'data-following="true"',
                  b"Another user holds this record", b"A code was sent to r***@bench"):
        assert shown in signed, shown
    assert b'data-testid="invite-reason"' not in signed  # may invite: holds a record
    assert b'data-testid="signed-in-as"' not in anonymous


def prepare(settings: Settings, accounts_url: str, key: str) -> None:
    """The sample, scored, in the graph; the store made, with the addresses on the records
    the visitors claim by (kept private there, as `peergraph accounts add-email` does)."""
    with make_driver(settings) as driver:
        apply_schema(driver, settings.neo4j_database)
        load_sample(driver, settings.neo4j_database)
        rescore(driver, settings.neo4j_database, RunOptions(full=True))
    store = open_store(accounts_url, key.encode())
    try:
        for author_id, address in ((HELD, HELD_EMAIL), ("researcher0", HOLDER_EMAIL),
                                   ("researcher0", OPEN_EMAIL)):
            accounts.add_record_email(store, author_id, address)
    finally:
        store.close()


def page_load(client: Http) -> float:
    """Seconds one GET of the page takes."""
    return timed(lambda: client.get(PAGE))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=200, help="rounds before timing")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="peergraph-bench-") as folder, \
            throwaway_neo4j() as settings:
        url, key = f"sqlite:///{folder}/accounts.db", secrets.token_urlsafe(32)
        outbox = Path(folder) / "outbox.jsonl"
        prepare(settings, url, key)
        env = {"PEERGRAPH_ACCOUNTS_URL": url, "PEERGRAPH_SECRET_KEY": key,
               "PEERGRAPH_OUTBOX": "file", "PEERGRAPH_OUTBOX_PATH": str(outbox)}
        with api_server(settings, env=env) as served:
            signed = Http(served.base, {"Cookie": f"{COOKIE_NAME}={sign_in(served.base, outbox)}"})
            anonymous = Http(served.base, {"Cookie": f"{COOKIE_NAME}={first_visit(served.base)}"})
            check_pages(signed.get(PAGE), anonymous.get(PAGE))
            signed_s: list[float] = []
            anonymous_s: list[float] = []
            for i in range(args.warmup + args.samples):
                pair = ((anonymous, anonymous_s), (signed, signed_s))
                for client, times in pair if i % 2 else pair[::-1]:
                    took = page_load(client)
                    if i >= args.warmup:
                        times.append(took)
            signed.close()
            anonymous.close()
            load_after = os.getloadavg()[0]
    ratio50, ratio95 = p50(signed_s) / p50(anonymous_s), p95(signed_s) / p95(anonymous_s)
    print(f"GET {PAGE} (HTML), {args.samples} requests each after {args.warmup} rounds of "
          f"warm-up, alternating (load average {load_before:.1f} before, {load_after:.1f} "
          "after):")
    print(f"  anonymous (baseline)  p50 {p50(anonymous_s):.3f} ms  p95 {p95(anonymous_s):.3f} ms")
    print(f"  signed in             p50 {p50(signed_s):.3f} ms  p95 {p95(signed_s):.3f} ms")
    print(f"  ratio signed-in / anonymous: p50 {ratio50:.3f}x, p95 {ratio95:.3f}x "
          "(target <= 1.3x)")


if __name__ == "__main__":
    main()
