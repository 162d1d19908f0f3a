"""Page sessions kept server-side: the cookie holds only a random id, sign-out deletes the
session (a replayed cookie is refused), sessions expire, revoking the token ends them, and
every page write needs the session's own CSRF token."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from identity_helpers import User, sign_in_page
from sqlalchemy import select, update

from core.accounts import AccountsStore, tables
from core.keyed import keyed

FOLLOW = "/web/authors/researcher0/follow"


def _csrf(client: TestClient) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/").text)
    assert found is not None
    return found.group(1)


def _follow(client: TestClient, csrf: str | None) -> int:
    headers = {"X-CSRF-Token": csrf} if csrf else {}
    response = client.put(FOLLOW, headers=headers)
    return response.status_code


def test_the_cookie_is_a_random_id_the_store_keeps_only_its_keyed_hash(
        client: TestClient, store: AccountsStore, make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    before = client.get("/").cookies.get("peergraph_session") or \
        client.cookies["peergraph_session"]
    cookie = sign_in_page(client, ada.secret)
    assert cookie != before  # a new id at sign-in: one planted before is worthless
    assert ada.secret not in cookie and len(cookie) >= 43
    with store.read() as conn:
        hashes = list(conn.execute(select(tables.web_sessions.c.id_hash)).scalars())
    assert hashes == [keyed(store.key, "session", cookie)] and cookie not in hashes
    assert _follow(client, _csrf(client)) == 200


def test_sign_out_ends_the_session_and_a_replayed_cookie_is_refused(
        client: TestClient, store: AccountsStore, make_user: Callable[[str], User]) -> None:
    cookie = sign_in_page(client, make_user("ada").secret)
    csrf = _csrf(client)
    assert client.post("/signout", data={"csrf_token": csrf}, follow_redirects=False
                       ).status_code == 303
    with store.read() as conn:
        assert conn.execute(select(tables.web_sessions)).first() is None
    client.cookies.set("peergraph_session", cookie)  # the attacker replays the old cookie
    assert _follow(client, csrf) == 401
    assert "Signed in as" not in client.get("/").text


def test_an_expired_session_and_a_revoked_token_end_the_sign_in(
        client: TestClient, store: AccountsStore, make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    sign_in_page(client, ada.secret)
    with store.write() as conn:
        conn.execute(update(tables.web_sessions).values(
            expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    assert _follow(client, _csrf(client)) == 401
    sign_in_page(client, ada.secret)
    assert _follow(client, _csrf(client)) == 200
    assert client.delete(f"/api/v1/tokens/{ada.token_id}", headers=ada.headers
                         ).status_code == 200
    assert _follow(client, _csrf(client)) == 401
    with store.read() as conn:  # revoking the token deleted its sessions
        assert conn.execute(select(tables.web_sessions)).first() is None


def test_a_page_write_needs_this_sessions_csrf_token(
        client: TestClient, make_user: Callable[[str], User]) -> None:
    ada, bob = make_user("ada"), make_user("bob")
    other = TestClient(client.app)
    sign_in_page(other, bob.secret)
    bobs_csrf = _csrf(other)
    sign_in_page(client, ada.secret)
    for wrong in (None, "", bobs_csrf, _csrf(client) + "x"):
        assert _follow(client, wrong) == 403
    assert _follow(client, _csrf(client)) == 200


def test_signing_in_again_ends_the_previous_session_and_odd_csrf_is_a_403(
        client: TestClient, make_user: Callable[[str], User]) -> None:
    first = sign_in_page(client, make_user("ada").secret)
    sign_in_page(client, make_user("bob").secret)
    replay = TestClient(client.app)
    replay.cookies.set("peergraph_session", first)
    assert "Signed in as" not in replay.get("/").text
    odd = client.put(FOLLOW, headers={"X-CSRF-Token": "\u00e9t\u00e9".encode("latin-1")})
    assert odd.status_code == 403  # not ASCII: refused, not a 500
