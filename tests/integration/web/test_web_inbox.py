"""Invitations between researchers, in real Chromium: the profile says exactly what stands in
the way of "Invite to collaborate" (signed out, no record of one's own, an unclaimed record,
one's own record, an invitation already waiting), sends one when it can, and the invitations
page answers it (Accept, Decline) through the API's own rules; the header counts what waits.
The invitations page and the invite section are photographed at desktop and phone size."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest
from accounts_helpers import add_record_emails
from playwright.sync_api import Page, expect
from web_helpers import WebApp, save_screenshot

from core.graph import Graph
from scoring import lock
from service.identity import accounts

OpenPage = Callable[..., Page]
FOR_MACHINES = re.compile(r"/api/|pg_|peergraph [a-z]|POST |GET |curl|_id\b", re.IGNORECASE)
DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}


def _user(web_app: WebApp, name: str) -> str:
    """A user's API token, made the way `peergraph users create` makes one."""
    _, _, secret = accounts.create_user(web_app.accounts, web_app.settings, accounts.CLI_CALLER,
                                        f"{name.lower()}@example.org", name)
    assert secret is not None
    return secret


def _claim(web_app: WebApp, secret: str, author: str, address: str) -> None:
    """Claim a record through the API with the e-mailed code."""
    headers = {"Authorization": f"Bearer {secret}"}
    with httpx.Client(base_url=web_app.url, headers=headers) as client:
        started = client.post(f"/api/v1/authors/{author}/claims", json={"method": "email"})
        assert started.status_code == 201, started.text
        message = [m for m in web_app.outbox() if m["to"] == address][-1]
        code = re.search(r"the code is (\d{6})", message["body"])
        assert code is not None
        verified = client.post(f"/api/v1/claims/{started.json()['claim']['id']}/verify",
                               json={"code": code.group(1)})
        assert verified.status_code == 200, verified.text


@pytest.fixture(scope="module")
def people(web_app: WebApp) -> dict[str, str]:
    """Ada holds researcher1, Bob holds researcher2, Cy holds nothing: their tokens."""
    add_record_emails(web_app.accounts, {"researcher1": ["r1@example.org"],
                                         "researcher2": ["r2@example.org"]})
    tokens = {name: _user(web_app, name) for name in ("Ada", "Bob", "Cy")}
    _claim(web_app, tokens["Ada"], "researcher1", "r1@example.org")
    _claim(web_app, tokens["Bob"], "researcher2", "r2@example.org")
    return tokens


def _sign_in(open_page: OpenPage, token: str, path: str, width: int = 1280) -> Page:
    """A fresh browser signed in with the token, on `path`."""
    page = open_page(f"/signin?next={path}", width=width)
    page.get_by_text("Use an API token instead").click()
    page.get_by_label("API token").fill(token)
    page.get_by_role("button", name="Sign in with the token").click()
    expect(page.get_by_test_id("signed-in-as")).to_be_visible()
    assert page.url.endswith(path)
    return page


def _people_words(page: Page, where: str = "main") -> None:
    """The text is for people: no endpoint names, field names or commands."""
    text = page.locator(where).inner_text()
    assert not FOR_MACHINES.search(text), FOR_MACHINES.search(text)


def _photo(page: Page, name: str, around: str | None = None) -> None:
    """The page at desktop and at phone size: whole, or the screen showing `around`."""
    for size, suffix in ((PHONE, "-phone"), (DESKTOP, "")):
        page.set_viewport_size(size)
        if around:
            page.locator(around).scroll_into_view_if_needed()
        save_screenshot(page, f"{name}{suffix}.png", full_page=around is None)


def test_the_invitations_page_asks_to_sign_in_first(open_page: OpenPage) -> None:
    page = open_page("/account/invitations")
    expect(page.get_by_role("heading", name="Sign in or sign up")).to_be_visible()
    assert page.url.endswith("/signin?next=/account/invitations")


def test_the_profile_says_what_is_missing_to_invite(open_page: OpenPage, web_app: WebApp,
                                                    people: dict[str, str]) -> None:
    signed_out = open_page("/authors/researcher2")
    expect(signed_out.get_by_test_id("invite-reason")).to_have_text(
        "Sign in and claim your own record to invite researcher2: invitations go only "
        "between researchers who have claimed their records.")
    expect(signed_out.get_by_role("button", name="Invite to collaborate")).to_be_disabled()

    cy = _sign_in(open_page, people["Cy"], "/authors/researcher2")
    expect(cy.get_by_test_id("invite-reason")).to_have_text(re.compile(
        r"^Claim your own author record first: invitations go only between researchers "))
    _people_words(cy, "#actions")

    ada = _sign_in(open_page, people["Ada"], "/authors/researcher3")
    expect(ada.get_by_test_id("invite-reason")).to_have_text(
        "researcher3 has not claimed this record yet, so they cannot receive invitations.")
    _photo(ada, "profile-invite-refused", "#invite-box")
    refused = ada.request.post(f"{web_app.url}/web/invitations", headers={
        "X-CSRF-Token": ada.locator('meta[name="csrf-token"]').get_attribute("content") or ""},
        data={"to_author_id": "researcher3", "message": "Shall we?"})
    assert refused.status == 403
    assert refused.json()["detail"] == ("researcher3 has not claimed this record yet, so they "
                                        "cannot receive invitations.")

    ada.goto(f"{web_app.url}/authors/researcher1")
    expect(ada.get_by_test_id("invite-reason")).to_contain_text("This is your record")
    expect(ada.get_by_role("button", name="Invite to collaborate")).to_have_count(0)


def test_invite_from_the_profile_then_accept_and_decline_on_the_invitations_page(
        open_page: OpenPage, people: dict[str, str]) -> None:
    ada = _sign_in(open_page, people["Ada"], "/authors/researcher2")
    expect(ada.get_by_test_id("invitations-link")).to_have_text("Invitations")
    ada.get_by_label("Message to researcher2").fill(
        "I read your 2021 paper on graph trust.\nShall we write the follow-up together?")
    _photo(ada, "profile-invite", "#invite-box")
    ada.get_by_role("button", name="Invite to collaborate").click()
    expect(ada.get_by_test_id("invite-status")).to_contain_text(
        "Invitation sent to researcher2. They will find it on their Invitations page")
    expect(ada.locator("#invite-form")).to_be_hidden()
    _photo(ada, "profile-invite-sent", "#invite-box")
    ada.reload()
    expect(ada.get_by_test_id("invite-reason")).to_contain_text(
        "You have invited researcher2; the invitation is waiting for their answer.")

    bob = _sign_in(open_page, people["Bob"], "/account/invitations")
    expect(bob.get_by_test_id("invitations-link")).to_have_text(
        "Invitations 1 waiting for your answer")
    received = bob.get_by_test_id("received-invitation")
    expect(received).to_have_count(1)
    expect(received).to_contain_text("researcher1 invited your record researcher2")
    expect(received).to_contain_text("Shall we write the follow-up together?")
    expect(received.get_by_test_id("invitation-state")).to_have_text("Waiting for an answer")
    expect(received.get_by_role("link", name="researcher1")).to_have_attribute(
        "href", "/authors/researcher1")
    _people_words(bob)
    _photo(bob, "invitations")
    bob.get_by_role("button", name="Accept the invitation from researcher1").click()
    expect(bob.get_by_test_id("inbox-answered")).to_contain_text(
        "You accepted the invitation from researcher1.")
    expect(received.get_by_test_id("invitation-state")).to_have_text("Accepted")
    expect(received.get_by_role("button")).to_have_count(0)
    expect(bob.get_by_test_id("invitations-link")).to_have_text("Invitations")

    bob.goto(bob.url.split("/account")[0] + "/authors/researcher1")
    bob.get_by_label("Message to researcher1").fill("And a second project?")
    bob.get_by_role("button", name="Invite to collaborate").click()
    expect(bob.get_by_test_id("invite-status")).to_contain_text("Invitation sent")

    ada.goto(ada.url.split("/authors")[0] + "/account/invitations")
    expect(ada.get_by_test_id("sent-invitation").get_by_test_id("invitation-state")
           ).to_have_text("Accepted")
    ada.get_by_role("button", name="Decline the invitation from researcher2").click()
    expect(ada.get_by_test_id("inbox-answered")).to_contain_text("You declined")
    expect(ada.get_by_test_id("received-invitation").get_by_test_id("invitation-state")
           ).to_have_text("Declined")
    _photo(ada, "invitations-answered")


def test_after_a_claim_the_profile_says_the_score_is_being_recomputed(
        open_page: OpenPage, web_app: WebApp) -> None:
    scoring = Graph(web_app.driver, web_app.settings.neo4j_database)
    assert lock.try_acquire(scoring, "scheduled", lease_s=600)[0]  # a scheduled run, say
    try:
        di = _user(web_app, "Di")
        _claim(web_app, di, "researcher0", "r0@example.org")
        page = _sign_in(open_page, di, "/authors/researcher0")
        expect(page.get_by_test_id("verification")).to_have_text("Verification L2")
        expect(page.get_by_test_id("rescoring")).to_have_text(
            "Your new verification level is recorded; the trust score is being recomputed. "
            "Reload the page in a minute to see it.")
        _photo(page, "profile-rescoring", "#snapshot")
    finally:
        scoring.write("scoring/release_lock", name=lock.LOCK_NAME, owner="scheduled")
    for _ in range(600):  # the background run follows the released lock: reload until done
        page.reload()
        if page.get_by_test_id("rescoring").count() == 0:
            break
        page.wait_for_timeout(500)
    expect(page.get_by_test_id("rescoring")).to_have_count(0)
    history = page.get_by_test_id("history").locator("li").first
    expect(history).to_contain_text("L2")
