"""Signing in with ORCID in real Chromium, with the fake ORCID on another site (`localhost`,
the app on 127.0.0.1) showing a page whose link the person follows, as ORCID's does: the
button's form may lead there (the pages' form-action admits ORCID), and the way back, on
which the browser withholds the SameSite=Strict session cookie, still signs in (through the
page of ours that opens the callback again)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from accounts_helpers import wipe_accounts
from identity_fakes import FakeOrcid
from neo4j import Driver
from playwright.sync_api import Browser, expect
from pydantic import SecretStr
from serving import served

from core.accounts import AccountsStore
from core.localdb import free_port
from core.settings import Settings


@pytest.fixture(scope="module")
def orcid_site() -> Iterator[FakeOrcid]:
    """The fake ORCID, answering with its own page, as another site."""
    fake = FakeOrcid()
    fake.consent, fake.next_orcid, fake.next_name = True, "0000-0001-5109-3700", "Ada Lovelace"
    yield fake
    fake.close()


@pytest.fixture(scope="module")
def orcid_app(session_driver: Driver, settings: Settings, accounts_store: AccountsStore,
              orcid_site: FakeOrcid) -> Iterator[str]:
    """The real app with an ORCID app set up (the fake's) and an empty accounts store, served
    on 127.0.0.1."""
    wipe_accounts(accounts_store)
    port = free_port()
    elsewhere = orcid_site.url.replace("127.0.0.1", "localhost")
    app_settings = settings.model_copy(update={
        "orcid_client_id": "APP-TEST",
        "orcid_client_secret": SecretStr("orcid-app-secret"),
        "orcid_authorize_url": f"{elsewhere}/oauth/authorize",
        "orcid_token_url": f"{orcid_site.url}/oauth/token",
        "orcid_redirect_uri": f"http://127.0.0.1:{port}/orcid/callback"})
    with served(app_settings, port) as base_url:
        yield base_url


def test_signing_up_with_orcid_in_a_browser(browser: Browser, orcid_app: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    opened: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda request: opened.append(request.url))
    page.goto(orcid_app + "/signin?next=/explore")
    page.get_by_role("button", name="Sign in with ORCID").click()
    page.get_by_role("link", name="Authorize access").click()  # at "ORCID"
    expect(page.get_by_role("heading", name="Welcome to Peergraph")).to_be_visible()
    assert any("/orcid/callback?" in u and "returned=1" in u for u in opened), \
        "the way back carried the cookie: nothing here tested the page between"
    expect(page.get_by_label("Your name")).to_have_value("Ada Lovelace")
    expect(page.locator("main")).to_contain_text("0000-0001-5109-3700")
    page.get_by_role("button", name="Save and continue").click()
    assert page.url == orcid_app + "/explore"
    expect(page.get_by_test_id("signed-in-as")).to_have_text("Signed in as Ada Lovelace")
    context.close()
    assert errors == []
