"""Signing in with a token, then following and claiming from the profile page: the page's
writes go through the session cookie and its CSRF token to the API's own functions."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from web_helpers import WebApp

from service.identity import accounts

OpenPage = Callable[..., Page]


@pytest.fixture(scope="module")
def token(web_app: WebApp) -> str:
    """A test user's API token, made the way `peergraph users create` makes one."""
    _, _, secret = accounts.create_user(web_app.accounts, web_app.settings, accounts.CLI_CALLER,
                                        "ada@example.org", "Ada Tester")
    assert secret is not None
    return secret


def sign_in(page: Page, token: str) -> None:
    """Sign in from the profile page's "Log in to claim" link, and come back to it."""
    page.get_by_test_id("login-to-claim").click()
    page.get_by_text("Use an API token instead").click()
    page.get_by_label("API token").fill(token)
    page.get_by_role("button", name="Sign in with the token").click()
    expect(page.get_by_test_id("signed-in-as")).to_have_text("Signed in as Ada Tester")


def test_sign_in_keeps_the_token_in_a_strict_http_only_cookie(
        open_page: OpenPage, token: str) -> None:
    page = open_page("/authors/researcher0")
    sign_in(page, token)
    assert page.url.endswith("/authors/researcher0")
    cookie = next(c for c in page.context.cookies() if c["name"] == "peergraph_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert token not in page.content()  # the secret never comes back into a page


def test_a_wrong_token_is_refused_with_a_reason(open_page: OpenPage) -> None:
    page = open_page("/signin", error_page=True)
    page.get_by_text("Use an API token instead").click()
    page.get_by_label("API token").fill("pg_not-a-real-token")
    page.get_by_role("button", name="Sign in with the token").click()
    expect(page.get_by_test_id("token-error")).to_contain_text("did not work")
    expect(page.get_by_test_id("token-error")).not_to_contain_text("/api/")


def test_a_page_write_without_the_csrf_token_is_refused(open_page: OpenPage, token: str,
                                                        web_app: WebApp) -> None:
    page = open_page("/authors/researcher0")
    sign_in(page, token)
    response = page.request.put(f"{web_app.url}/web/authors/researcher0/follow")
    assert response.status == 403
    assert "CSRF" in response.json()["detail"]


def test_follow_then_claim_update_the_counts_and_the_read_out(
        open_page: OpenPage, token: str, web_app: WebApp) -> None:
    page = open_page("/authors/researcher0")
    sign_in(page, token)
    page.get_by_role("button", name="Follow researcher0").click()
    expect(page.get_by_test_id("count-followers")).to_have_text("1")
    expect(page.get_by_role("button", name="Unfollow researcher0")).to_be_visible()
    page.reload()
    expect(page.get_by_test_id("count-followers")).to_have_text("1")

    best = page.get_by_test_id("claim-route-email")
    expect(best).to_contain_text("r***@example.org, the address on this record")
    best.get_by_role("button", name="Send me the code").click()
    expect(page.locator("#claim-sent")).to_contain_text("r***@example.org")
    code = re.search(r"the code is (\d{6})", web_app.outbox()[-1]["body"])
    assert code is not None
    page.get_by_label("One-time code").fill(code.group(1))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_test_id("claimed")).to_have_text("Claimed author")
    expect(page.get_by_test_id("verification")).to_have_text("Verification L2")
    expect(page.get_by_test_id("claim-state")).to_contain_text("This record is yours.")

    home = open_page("/")
    sign_in_again = home.get_by_role("link", name="Sign in")
    sign_in_again.click()
    home.get_by_text("Use an API token instead").click()
    home.get_by_label("API token").fill(token)
    home.get_by_role("button", name="Sign in with the token").click()
    following = home.locator("section", has=home.get_by_role("heading", name="You follow"))
    expect(following.get_by_role("link", name="researcher0")).to_be_visible()
    expect(home.get_by_test_id("my-claims")).to_contain_text("verified")
