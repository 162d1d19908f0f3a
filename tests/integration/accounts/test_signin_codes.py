"""Signing in by e-mailed code, on SQLite and PostgreSQL: a new address gets exactly one
account once its code is verified, a known one signs into its own; codes are keyed hashes,
work once, expire, lock the address after the last wrong try, and are rate-limited per
address and per client; the answers never say whether an address has an account. A session
opened this way has no token: page writes, audit events, claims and token revocation all
still work."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from identity_helpers import (
    User,
    ask_code,
    enter_code,
    page_csrf,
    sign_in_by_code,
    sign_in_page,
    signin_code,
)
from neo4j import Driver
from sqlalchemy import func, inspect, select, update

from core.accounts import AccountsStore, tables
from core.accounts.store import MIGRATIONS, WRITE
from core.keyed import keyed
from core.settings import Settings
from service.app import create_app

Outbox = Callable[[], list[dict[str, str]]]
SIGNED_IN = "Signed in as"


@pytest.fixture
def web(graph: Driver, store: AccountsStore, acc_settings: Settings) -> Iterator[TestClient]:
    """The app with small sign-in limits (3 tries, 3 codes per address, 12 steps per client)."""
    small = acc_settings.model_copy(update={"signin_max_attempts": 3, "signin_send_limit": 3,
                                            "signin_client_limit": 12})
    with TestClient(create_app(small)) as client:
        yield client


def _users(store: AccountsStore, email: str) -> list[dict[str, object]]:
    with store.read() as conn:
        return [dict(r) for r in conn.execute(select(tables.users)
                                              .where(tables.users.c.email == email)).mappings()]


def test_a_new_address_gets_one_account_after_its_code_and_signs_into_it_again(
        web: TestClient, store: AccountsStore, outbox: Outbox) -> None:
    assert ask_code(web, "Ada.Lovelace@Example.org").status_code == 200
    assert _users(store, "ada.lovelace@example.org") == []  # nothing before the code
    code = signin_code(outbox, "ada.lovelace@example.org")
    response = enter_code(web, "ada.lovelace@example.org", code, "/authors/researcher0")
    assert response.headers["location"] == "/welcome?next=/authors/researcher0"
    [user] = _users(store, "ada.lovelace@example.org")
    assert user["display_name"] == "Ada Lovelace"
    welcome = web.get("/welcome?next=/authors/researcher0")
    assert "What name should other researchers see?" in welcome.text
    saved = web.post("/welcome", data={"display_name": " Ada  King ", "next": "/authors/x",
                                       "csrf_token": page_csrf(web)}, follow_redirects=False)
    assert saved.headers["location"] == "/authors/x"
    assert f"{SIGNED_IN} Ada King" in web.get("/").text

    web.post("/signout", data={"csrf_token": page_csrf(web)})
    again = sign_in_by_code(web, outbox, "ada.lovelace@example.org", "/authors/researcher0")
    assert again.headers["location"] == "/authors/researcher0"  # no welcome the second time
    assert len(_users(store, "ada.lovelace@example.org")) == 1
    with store.read() as conn:
        events = conn.execute(select(tables.audit_events.c.action, tables.audit_events.c.token_id)
                              .where(tables.audit_events.c.user_id == user["id"])).all()
    assert sorted(events) == [("user.rename", None), ("user.signup", None)]


def test_an_existing_account_signs_in_to_itself(
        web: TestClient, store: AccountsStore, outbox: Outbox,
        make_user: Callable[[str], User]) -> None:
    bob = make_user("bob")
    response = sign_in_by_code(web, outbox, "BOB@example.org")
    assert response.headers["location"] == "/"
    assert f"{SIGNED_IN} bob" in web.get("/").text
    assert [u["id"] for u in _users(store, "bob@example.org")] == [bob.id]


def test_the_answers_never_say_whether_an_address_has_an_account(
        web: TestClient, outbox: Outbox, make_user: Callable[[str], User]) -> None:
    make_user("known")
    known, unknown = ask_code(web, "known@example.org"), ask_code(web, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200

    def shape(text: str, address: str) -> str:
        return text.replace(address, "ADDRESS").replace(address[0] + "***", "MASKED")

    strip = re.compile(r'value="[^"]{40,}"')  # the CSRF token
    assert strip.sub("", shape(known.text, "known@example.org")) == \
        strip.sub("", shape(unknown.text, "nobody@example.org"))
    bodies = [re.sub(r"\d{6}", "CODE", shape(m["body"], m["to"])) for m in outbox()]
    assert bodies[0] == bodies[1]


def test_codes_are_kept_only_as_keyed_hashes(web: TestClient, store: AccountsStore,
                                             outbox: Outbox) -> None:
    ask_code(web, "cy@example.org")
    code = signin_code(outbox, "cy@example.org")
    with store.read() as conn:
        row = conn.execute(select(tables.signin_codes)).mappings().one()
    assert code not in str(dict(row))
    assert row["code_hash"] == keyed(store.key, "signin-code", f"{row['id']}:{code}")


def test_a_wrong_code_says_how_many_tries_are_left_and_the_last_locks_the_address(
        web: TestClient, outbox: Outbox) -> None:
    ask_code(web, "dee@example.org")
    code = signin_code(outbox, "dee@example.org")
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    first = enter_code(web, "dee@example.org", wrong)
    assert first.status_code == 422 and "2 tries left" in first.text
    assert "1 try left" in enter_code(web, "dee@example.org", wrong).text
    last = enter_code(web, "dee@example.org", wrong)
    assert last.status_code == 429 and "wait 15 minutes" in last.text
    assert last.headers["Retry-After"] == "900"
    locked = enter_code(web, "dee@example.org", code)  # even the right code, now
    assert locked.status_code == 429 and "wait 15 minutes" in locked.text
    resend = ask_code(web, "dee@example.org")
    assert resend.status_code == 429 and "then ask for a new code" in resend.text
    assert SIGNED_IN not in web.get("/").text


def test_a_used_a_replaced_and_an_expired_code_are_refused(
        web: TestClient, store: AccountsStore, outbox: Outbox) -> None:
    sign_in_by_code(web, outbox, "eve@example.org")
    used = enter_code(web, "eve@example.org", signin_code(outbox, "eve@example.org"))
    assert used.status_code == 422 and "used or replaced" in used.text

    ask_code(web, "eve@example.org")
    old = signin_code(outbox, "eve@example.org")
    ask_code(web, "eve@example.org")
    replaced = enter_code(web, "eve@example.org", old)  # only the newest code works
    assert replaced.status_code == 422 and "the code in the newest e-mail" in replaced.text

    with store.write() as conn:
        conn.execute(update(tables.signin_codes).values(
            expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    expired = enter_code(web, "eve@example.org", signin_code(outbox, "eve@example.org"))
    assert expired.status_code == 422 and "expired: ask for a new one" in expired.text


def test_codes_are_rate_limited_per_address_and_per_client(
        web: TestClient, outbox: Outbox) -> None:
    for _ in range(3):
        assert ask_code(web, "fay@example.org").status_code == 200
    limited = ask_code(web, "FAY@example.org")
    assert limited.status_code == 429 and "Too many codes sent to this address" in limited.text
    assert len(outbox()) == 3
    statuses = [ask_code(web, f"p{i}@example.org").status_code for i in range(9)]
    assert statuses[-1] == 429 and statuses.count(200) == 8  # 12 steps per client
    assert "Too many sign-in attempts from your network" in ask_code(web, "q@example.org").text


def test_a_session_without_a_token_writes_audits_and_claims(
        web: TestClient, store: AccountsStore, outbox: Outbox,
        make_user: Callable[[str], User]) -> None:
    gus = make_user("gus")
    sign_in_by_code(web, outbox, "gus@example.org")
    token_session = TestClient(web.app)
    sign_in_page(token_session, gus.secret)
    csrf = {"X-CSRF-Token": re.search(r'name="csrf-token" content="([^"]+)"',
                                      web.get("/").text).group(1)}  # type: ignore[union-attr]
    assert web.put("/web/authors/researcher0/follow", headers=csrf).status_code == 200
    started = web.post("/web/authors/researcher0/claims", headers=csrf,
                       json={"method": "email"})
    assert started.status_code == 201, started.text
    claim_code = re.search(r"the code is (\d{6})", outbox()[-1]["body"]).group(1)  # type: ignore[union-attr]
    # revoking the token ends the session opened with it, not the one opened by code
    assert web.delete(f"/api/v1/tokens/{gus.token_id}", headers=gus.headers).status_code == 200
    assert SIGNED_IN not in token_session.get("/").text
    verified = web.post(f"/web/claims/{started.json()['claim']['id']}/verify", headers=csrf,
                        json={"code": claim_code})
    assert verified.status_code == 200, verified.text
    with store.read() as conn:
        actions = dict(conn.execute(select(tables.audit_events.c.action,
                                           tables.audit_events.c.token_id)
                                    .where(tables.audit_events.c.action.in_(
                                        ["follow.create", "claim.start", "claim.verify"]))).all())
    assert actions == {"follow.create": None, "claim.start": None, "claim.verify": None}


def test_the_signin_codes_migration_goes_down_and_up(store: AccountsStore) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))

    def run(step: Callable[[Config, str], None], revision: str) -> set[str]:
        with store.engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                config.attributes["connection"] = conn
                step(config, revision)
            return set(inspect(conn).get_table_names())

    assert "signin_codes" not in run(command.downgrade, "0001")
    assert "users" in run(command.downgrade, "0001")
    assert "signin_codes" in run(command.upgrade, "head")
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(tables.signin_codes)).scalar() == 0
