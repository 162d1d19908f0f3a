"""Signing in with ORCID on the pages, against the real service, the real stores and the local
fake ORCID (its authorize page sends the browser back as ORCID's does): a new iD gets a
verified account and the welcome step, a known one signs into its account; a denial, a
forged, reused or expired state, or one from another browser signs no one in and changes
nothing; a signed-in account connects its iD unless another account has it; without an ORCID
app the pages offer no ORCID sign-in."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from identity_fakes import FakeOrcid
from identity_helpers import User, page_csrf, sign_in_by_code
from sqlalchemy import select, update

from core.accounts import AccountsStore, tables
from core.settings import Settings
from service.app import create_app

ADA, GRACE = "0000-0001-5109-3700", "0000-0002-9079-593X"
SIGNED_IN = "Signed in as"
FOR_MACHINES = re.compile(r"/api/|pg_|peergraph [a-z]|POST |GET |curl|state=|_[a-z]+_")
Outbox = Callable[[], list[dict[str, str]]]


@pytest.fixture
def store(accounts_store: AccountsStore) -> AccountsStore:
    """The test's accounts store (emptied for it)."""
    return accounts_store


@pytest.fixture(autouse=True)
def fresh_orcid(fake_orcid: FakeOrcid) -> FakeOrcid:
    """The fake ORCID with no codes, signing in Ada unless a test says otherwise."""
    fake_orcid.reset()
    fake_orcid.next_orcid, fake_orcid.next_name = ADA, "Ada Lovelace"
    return fake_orcid


def _press(client: TestClient, button: str = "/signin/orcid", next_page: str = "/") -> str:
    """Press a "Sign in with ORCID" (or "Connect") button: the ORCID page it sends to."""
    response = client.post(button, data={"csrf_token": page_csrf(client), "next": next_page},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def _at_orcid(authorize_url: str) -> str:
    """The person at ORCID's page (the fake's): where ORCID sends their browser back."""
    answer = httpx.get(authorize_url, follow_redirects=False)
    assert answer.status_code == 302, answer.text
    return str(answer.headers["location"])


def _trip(client: TestClient, button: str = "/signin/orcid", next_page: str = "/") -> Any:
    """Press the button, sign in at ORCID, come back: the callback's answer."""
    return client.get(_at_orcid(_press(client, button, next_page)), follow_redirects=False)


def _users(store: AccountsStore) -> list[dict[str, Any]]:
    with store.read() as conn:
        return [dict(r) for r in conn.execute(select(tables.users)).mappings()]


def _for_people(html: str) -> str:
    """The main text of a page, asserted free of endpoint names, token prefixes, commands."""
    main = re.sub(r"<[^>]+>", " ", html.split('<main id="main"', 1)[1].split("</main>")[0])
    assert not FOR_MACHINES.search(main), FOR_MACHINES.search(main)
    return " ".join(main.split())


def test_signing_up_with_orcid_makes_a_verified_account_and_signs_into_it_again(
        client: TestClient, store: AccountsStore, admin: User, id_settings: Settings) -> None:
    page = client.get("/signin?next=/authors/researcher0")
    assert "Sign in with ORCID" in _for_people(page.text)
    before = client.cookies["peergraph_session"]
    authorize = _press(client, next_page="/authors/researcher0")
    assert authorize.startswith(id_settings.orcid_authorize_url)
    response = client.get(_at_orcid(authorize), follow_redirects=False)
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/welcome?next=/authors/researcher0"
    assert client.cookies["peergraph_session"] != before  # a new session id at sign-in
    [user] = [u for u in _users(store) if u["orcid"] == ADA]
    assert user["email"] is None and user["display_name"] == "Ada Lovelace"
    assert user["orcid_verified_at"] is not None
    welcome = _for_people(client.get(response.headers["location"]).text)
    assert f"signed in with your ORCID iD {ADA}" in welcome
    assert f"{SIGNED_IN} Ada Lovelace" in client.get("/").text
    listed = client.get("/api/v1/users", headers=admin.headers).json()["users"]
    assert {"email": None, "orcid": ADA}.items() <= next(
        u for u in listed if u["id"] == user["id"]).items()

    client.post("/signout", data={"csrf_token": page_csrf(client)})
    again = _trip(client, next_page="/authors/researcher1")
    assert again.headers["location"] == "/authors/researcher1"  # no welcome the second time
    assert [u["id"] for u in _users(store) if u["orcid"] == ADA] == [user["id"]]
    assert f"{SIGNED_IN} Ada Lovelace" in client.get("/").text
    with store.read() as conn:
        events = conn.execute(select(tables.audit_events.c.action, tables.audit_events.c.detail)
                              .where(tables.audit_events.c.user_id == user["id"])).all()
    assert events == [("user.signup", '{"method": "orcid"}')]


def test_a_name_kept_private_at_orcid_gives_a_neutral_one_to_change(
        client: TestClient, store: AccountsStore, fresh_orcid: FakeOrcid) -> None:
    fresh_orcid.next_name = None
    assert _trip(client).headers["location"] == "/welcome?next=/"
    assert [u["display_name"] for u in _users(store)] == ["New member"]


def test_denying_at_orcid_signs_no_one_in(client: TestClient, store: AccountsStore,
                                         fresh_orcid: FakeOrcid) -> None:
    fresh_orcid.deny = True
    callback = _at_orcid(_press(client))
    refused = client.get(callback)
    assert refused.status_code == 403
    assert "You chose not to share your ORCID iD" in _for_people(refused.text)
    assert "Sign in with ORCID" in refused.text  # the sign-in page again
    assert _users(store) == [] and SIGNED_IN not in client.get("/").text
    assert fresh_orcid.requests == []  # no code to exchange


def test_a_forged_a_reused_and_an_expired_state_sign_no_one_in(
        client: TestClient, store: AccountsStore) -> None:
    client.get("/signin")  # a browser that has been here (else the callback first bounces)
    for forged in ("/orcid/callback?state=forged&code=x", "/orcid/callback?code=x",
                   "/orcid/callback?state=" + "x" * 600):
        refused = client.get(forged)
        assert refused.status_code == 422
        assert "not one we are waiting for" in _for_people(refused.text)
    callback = _at_orcid(_press(client))
    assert client.get(callback, follow_redirects=False).status_code == 303
    client.post("/signout", data={"csrf_token": page_csrf(client)})
    reused = client.get(callback)
    assert reused.status_code == 422 and "not one we are waiting for" in reused.text
    assert SIGNED_IN not in client.get("/").text

    late = _at_orcid(_press(client))
    with store.write() as conn:
        conn.execute(update(tables.orcid_states).values(
            expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    expired = client.get(late)
    assert expired.status_code == 422 and "has expired" in _for_people(expired.text)
    assert SIGNED_IN not in client.get("/").text and len(_users(store)) == 1


def test_a_state_from_another_browser_signs_no_one_in(
        client: TestClient, store: AccountsStore) -> None:
    callback = _at_orcid(_press(client))  # sent to someone else, who opens it
    other = TestClient(client.app)
    other.get("/signin")  # their browser has a session of its own
    refused = other.get(callback)
    assert refused.status_code == 403
    assert "started in another browser" in _for_people(refused.text)
    assert _users(store) == [] and SIGNED_IN not in other.get("/").text
    # used up: the browser that started it cannot finish it either
    assert client.get(callback).status_code == 422 and _users(store) == []


def test_back_from_orcid_without_the_cookie_a_page_of_ours_opens_it_again(
        client: TestClient, store: AccountsStore) -> None:
    callback = _at_orcid(_press(client))
    cookieless = TestClient(client.app)  # what the browser sends on ORCID's redirect
    bounce = cookieless.get(callback)
    assert bounce.status_code == 200 and "set-cookie" not in bounce.headers
    again = re.search(r'url=([^"]+)"', bounce.text)
    assert again is not None and "returned=1" in again.group(1)
    assert "finishing your ORCID sign-in" in _for_people(bounce.text)
    assert cookieless.get(again.group(1).replace("&amp;", "&")).status_code == 403  # still none
    assert _users(store) == []

    callback = _at_orcid(_press(client))
    cookieless.cookies.clear()  # the refusal page gave that browser a session of its own
    again = re.search(r'url=([^"]+)"', cookieless.get(callback).text)
    assert again is not None
    opened = client.get(again.group(1).replace("&amp;", "&"), follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/welcome?next=/"


def test_an_email_account_connects_its_orcid_id_and_then_signs_in_with_it(
        client: TestClient, store: AccountsStore, outbox: Outbox) -> None:
    sign_in_by_code(client, outbox, "grace@example.org", "/authors/researcher0")
    welcome = client.get("/welcome?next=/authors/researcher0")
    assert "Connect your ORCID iD" in _for_people(welcome.text)
    back = "/welcome?next=/authors/researcher0"
    linked = _trip(client, "/orcid/link", back)
    assert linked.status_code == 303 and linked.headers["location"] == back
    [grace] = _users(store)
    assert grace["email"] == "grace@example.org" and grace["orcid"] == ADA
    assert grace["orcid_verified_at"] is not None
    shown = _for_people(client.get(back).text)
    assert f"Your ORCID iD {ADA} is connected" in shown and "Connect your" not in shown

    client.post("/signout", data={"csrf_token": page_csrf(client)})
    assert _trip(client, next_page="/authors/researcher0").headers["location"] == \
        "/authors/researcher0"
    assert [u["id"] for u in _users(store)] == [grace["id"]]
    assert "Signed in as Grace" in client.get("/").text
    with store.read() as conn:
        actions = [r.action for r in conn.execute(select(tables.audit_events.c.action))]
    assert sorted(actions) == ["user.orcid_link", "user.signup"]


def test_an_orcid_id_on_another_account_is_not_connected(
        client: TestClient, store: AccountsStore, outbox: Outbox,
        fresh_orcid: FakeOrcid) -> None:
    _trip(client)  # Ada's iD has its own account
    client.post("/signout", data={"csrf_token": page_csrf(client)})
    sign_in_by_code(client, outbox, "mallory@example.org")
    refused = _trip(client, "/orcid/link", "/account/tokens")
    assert refused.status_code == 409
    text = _for_people(refused.text)
    assert "already connected to another account" in text
    assert 'href="/account/tokens"' in refused.text  # the way back
    mallory = next(u for u in _users(store) if u["email"] == "mallory@example.org")
    assert mallory["orcid"] is None
    fresh_orcid.next_orcid = GRACE  # an iD of her own connects
    assert _trip(client, "/orcid/link").headers["location"] == "/"
    assert client.post("/orcid/link", data={"csrf_token": page_csrf(client), "next": "/x"},
                       follow_redirects=False).headers["location"] == "/x"  # has one now
    assert {u["email"]: u["orcid"] for u in _users(store)} == {
        None: ADA, "mallory@example.org": GRACE}


def test_orcid_sign_in_starts_are_limited_per_client(
        graph: Any, id_settings: Settings) -> None:
    small = id_settings.model_copy(update={"signin_client_limit": 2})
    with TestClient(create_app(small)) as client:
        for _ in range(2):
            _press(client)
        limited = client.post("/signin/orcid", data={"csrf_token": page_csrf(client),
                                                     "next": "/"})
    assert limited.status_code == 429 and "Retry-After" in limited.headers
    assert "Too many sign-in attempts from your network" in _for_people(limited.text)


@pytest.fixture
def no_orcid_app(graph: Any, id_settings: Settings) -> Iterator[TestClient]:
    """The app of a server with no ORCID app set up."""
    bare = id_settings.model_copy(update={"orcid_client_id": None,
                                          "orcid_client_secret": None})
    with TestClient(create_app(bare)) as client:
        yield client


def test_without_an_orcid_app_the_pages_offer_no_orcid_sign_in(
        no_orcid_app: TestClient, outbox: Outbox) -> None:
    page = no_orcid_app.get("/signin")
    assert "Sign in with ORCID" not in page.text and "/signin/orcid" not in page.text
    stale = no_orcid_app.post("/signin/orcid", data={"csrf_token": page_csrf(no_orcid_app),
                                                     "next": "/"})
    assert stale.status_code == 404
    assert "not available on this server" in _for_people(stale.text)
    sign_in_by_code(no_orcid_app, outbox, "kat@example.org")
    assert "Connect your ORCID iD" not in no_orcid_app.get("/welcome").text
