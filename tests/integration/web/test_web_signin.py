"""A researcher's first visit, in real Chromium: sign up by the code the file outbox holds,
name the account, land back on the profile signed in, create an API token on the tokens page
(shown once), revoke it, and sign out. The sign-in and tokens pages are photographed at
desktop and phone width, and say nothing of endpoints, token prefixes or commands."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect
from web_helpers import WebApp, save_screenshot

OpenPage = Callable[..., Page]
FOR_MACHINES = re.compile(r"/api/|pg_|peergraph [a-z]|POST |GET |curl", re.IGNORECASE)


def _code(web_app: WebApp, address: str) -> str:
    """The code of the newest sign-in message to the address."""
    message = [m for m in web_app.outbox() if m["to"] == address][-1]
    found = re.search(r"the code is (\d{6})", message["body"])
    assert found, message
    return found.group(1)


def _people_words(page: Page) -> None:
    """The page's text is for people: no endpoint names, token prefixes or commands."""
    text = page.locator("main").inner_text()
    assert not FOR_MACHINES.search(text), FOR_MACHINES.search(text)


def test_sign_up_by_code_then_create_and_revoke_a_token_then_sign_out(
        open_page: OpenPage, web_app: WebApp) -> None:
    page = open_page("/authors/researcher0", error_page=True)  # a wrong code answers 422
    page.get_by_test_id("login-to-claim").click()
    expect(page.get_by_role("heading", name="Sign in or sign up")).to_be_visible()
    _people_words(page)
    save_screenshot(page, "signin.png")
    page.get_by_label("E-mail address").fill("Grace.Hopper@example.org")
    page.get_by_role("button", name="Send me a code").click()
    expect(page.get_by_test_id("code-sent")).to_contain_text("grace.hopper@example.org")
    page.get_by_label("Code from the e-mail").fill("000000" if _code(
        web_app, "grace.hopper@example.org") != "000000" else "111111")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_test_id("signin-error")).to_contain_text("4 tries left")
    page.get_by_label("Code from the e-mail").fill(_code(web_app, "grace.hopper@example.org"))
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="Welcome to Peergraph")).to_be_visible()
    expect(page.get_by_label("Your name")).to_have_value("Grace Hopper")
    page.get_by_label("Your name").fill("Grace M. Hopper")
    page.get_by_role("button", name="Save and continue").click()
    assert page.url.endswith("/authors/researcher0")
    expect(page.get_by_test_id("signed-in-as")).to_have_text("Signed in as Grace M. Hopper")

    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_test_id("no-tokens")).to_be_visible()
    page.get_by_label("Name").fill("laptop scripts")
    page.get_by_role("button", name="Create token").click()
    secret = page.get_by_test_id("new-token-secret").input_value()
    assert len(secret) > 30
    expect(page.get_by_test_id("new-token")).to_contain_text("the only time it is shown")
    expect(page.get_by_test_id("token-list")).to_contain_text("laptop scripts")
    expect(page.get_by_test_id("token-state")).to_have_text("Active")
    _people_words(page)
    save_screenshot(page, "tokens.png")
    page.reload()  # the browser sends the form again: no second token, no secret again
    expect(page.get_by_test_id("tokens-error")).to_contain_text("no second token was made")
    assert secret not in page.content()
    page.goto(web_app.url + "/account/tokens")
    assert secret not in page.content()
    expect(page.get_by_test_id("token-state")).to_have_count(1)

    page.get_by_role("button", name="Revoke laptop scripts").click()
    expect(page.get_by_test_id("token-state")).to_have_text("Revoked")
    assert not page.get_by_role("button", name="Revoke laptop scripts").is_visible()

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    page.goto(web_app.url + "/account/tokens")
    assert "/signin?next=/account/tokens" in page.url


def test_sign_in_and_tokens_pages_at_phone_width(open_page: OpenPage,
                                                 web_app: WebApp) -> None:
    page = open_page("/signin", width=390)
    save_screenshot(page, "signin-phone.png")
    page.get_by_label("E-mail address").fill("kat@example.org")
    page.get_by_role("button", name="Send me a code").click()
    expect(page.get_by_test_id("code-sent")).to_be_visible()
    _people_words(page)
    save_screenshot(page, "signin-code-phone.png")
    page.get_by_label("Code from the e-mail").fill(_code(web_app, "kat@example.org"))
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Save and continue").click()
    page.goto(web_app.url + "/account/tokens")
    page.get_by_label("Name").fill("analysis notebook")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_test_id("new-token")).to_be_visible()
    for shown in (page,):
        overflow = shown.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"the tokens page is wider than a phone by {overflow}px"
    save_screenshot(page, "tokens-phone.png")
