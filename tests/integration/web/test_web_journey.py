"""The whole journey of the seed page's promise, in real Chromium on the bundled sample: a
researcher signs up by e-mail code, follows researcher0, asks for a review of their claim;
an admin approves it on the queue page; the profile shows the record claimed at its new
level; the researcher invites researcher1's claimant, who signs in with ORCID (the local fake
ORCID), claims researcher1 by ORCID at once and accepts on the invitations page. Each step's
page is photographed (docs/screenshots/ behind the setting) and says nothing of endpoints,
token prefixes or commands. Refusals: a non-admin on the queue page, an invitation to an
unclaimed record, a second claimant's wrong code and then a dispute."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from accounts_helpers import add_record_emails, wipe_accounts
from identity_fakes import FakeOrcid
from neo4j import Driver
from playwright.sync_api import Page, expect
from pydantic import SecretStr
from serving import served
from web_helpers import WebApp, outbox_code, people_words, save_screenshot, sign_up_by_code

from core.accounts import AccountsStore
from core.localdb import free_port
from core.settings import Settings
from service.identity import accounts

OpenPage = Callable[..., Page]
KAI_ORCID = "0000-0003-1415-9269"  # on researcher1's record for this journey


@pytest.fixture(scope="module")
def fake_orcid() -> Iterator[FakeOrcid]:
    """The local stand-in for ORCID: signs Kai in with researcher1's iD."""
    fake = FakeOrcid()
    fake.next_orcid, fake.next_name = KAI_ORCID, "Kai Okafor"
    yield fake
    fake.close()


@pytest.fixture(scope="module")
def web_app(web_graph: None, settings: Settings, session_driver: Driver,
            accounts_store: AccountsStore, fake_orcid: FakeOrcid,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebApp]:
    """The real app with an ORCID app set up (the fake's), over the scored sample with an
    ORCID iD on researcher1's record and an address on researcher0's."""
    wipe_accounts(accounts_store)
    add_record_emails(accounts_store, {"researcher0": ["r0@example.org"]})
    session_driver.execute_query("MATCH (a:Author {id: 'researcher1'}) SET a.orcid = $orcid",
                                 orcid=KAI_ORCID, database_=settings.neo4j_database)
    port, outbox_path = free_port(), tmp_path_factory.mktemp("journey") / "outbox.jsonl"
    app_settings = settings.model_copy(update={
        "outbox": "file", "outbox_path": outbox_path, "orcid_client_id": "APP-TEST",
        "orcid_client_secret": SecretStr("orcid-app-secret"),
        "orcid_authorize_url": f"{fake_orcid.url}/oauth/authorize",
        "orcid_token_url": f"{fake_orcid.url}/oauth/token",
        "orcid_redirect_uri": f"http://127.0.0.1:{port}/orcid/callback"})
    with served(app_settings, port) as base_url:
        yield WebApp(base_url, app_settings, session_driver, outbox_path, accounts_store)


@pytest.fixture(scope="module")
def admin_token(web_app: WebApp) -> str:
    """The admin's API token, made the way `peergraph users create --admin` makes one."""
    _, _, secret = accounts.create_user(web_app.accounts, web_app.settings, accounts.CLI_CALLER,
                                        "admin@example.org", "Site Admin", is_admin=True)
    assert secret is not None
    return secret


def _ask_for_review(page: Page) -> None:
    """On the profile: open the other ways to claim, give evidence, send it."""
    page.get_by_test_id("claim-more").locator("summary").click()
    review = page.get_by_test_id("claim-route-review")
    review.get_by_label("A page that names you").fill("https://uni.example.edu/~mira")
    review.get_by_label("Why this record is yours").fill(
        "I wrote these papers; my staff page lists them.")
    save_screenshot(page, "claim-review-form.png")
    review.get_by_role("button", name="Ask for a review").click()
    expect(page.get_by_test_id("claim-state")).to_contain_text(
        "Your request for a review is with the admins")


def _approve_as_admin(open_page: OpenPage, admin_token: str) -> None:
    """The admin signs in with a token, finds the claim in the queue and approves it."""
    page = open_page("/signin?next=/admin/claims")
    page.get_by_text("Use an API token instead").click()
    page.get_by_label("API token").fill(admin_token)
    page.get_by_role("button", name="Sign in with the token").click()
    item = page.get_by_test_id("review-item")
    expect(item).to_contain_text("I wrote these papers")
    people_words(page)
    save_screenshot(page, "review-queue.png")
    item.get_by_label("Reason").fill("The staff page lists these works.")
    item.get_by_role("button", name="Approve").click()
    expect(page.get_by_test_id("queue-notice")).to_contain_text("Verified")
    expect(page.get_by_test_id("queue-empty")).to_be_visible()


def test_sign_up_follow_claim_by_review_approved_by_an_admin_then_invite(
        open_page: OpenPage, web_app: WebApp, admin_token: str, fake_orcid: FakeOrcid) -> None:
    page = open_page("/authors/researcher0")
    sign_up_by_code(page, web_app, "mira@example.org", "Mira Chen")
    assert page.url.endswith("/authors/researcher0")
    page.get_by_role("button", name="Follow researcher0").click()
    expect(page.get_by_test_id("count-followers")).to_have_text("1")
    people_words(page)
    save_screenshot(page, "claim-routes.png")
    _ask_for_review(page)

    queue = page.request.get(web_app.url + "/admin/claims")  # the visitor's own cookies
    assert queue.status == 403 and "for Peergraph&#39;s admins" in queue.text()
    page.goto(web_app.url + "/account")
    expect(page.get_by_test_id("my-claims")).to_contain_text("With the admins")
    people_words(page)
    save_screenshot(page, "account.png")

    _approve_as_admin(open_page, admin_token)
    page.goto(web_app.url + "/authors/researcher0")
    expect(page.get_by_test_id("claimed")).to_have_text("Claimed author")
    expect(page.get_by_test_id("verification")).to_have_text("Verification L2")
    expect(page.get_by_test_id("claim-state")).to_contain_text("This record is yours")
    save_screenshot(page, "profile-claimed.png")
    page.goto(web_app.url + "/account")
    expect(page.get_by_test_id("my-records")).to_contain_text("researcher0")

    page.goto(web_app.url + "/authors/researcher1")
    expect(page.get_by_test_id("invite-reason")).to_contain_text(
        "researcher1 has not claimed this record yet")
    expect(page.get_by_role("button", name="Invite to collaborate")).to_be_disabled()
    kai = _kai_claims_researcher1_with_orcid(open_page, fake_orcid.url)
    page.reload()
    page.get_by_label("Message").fill("Shall we write the protein-ligand follow-up together?")
    page.get_by_role("button", name="Invite to collaborate").click()
    expect(page.get_by_test_id("invite-status")).to_contain_text("Invitation sent")
    save_screenshot(page, "invite-sent.png")
    _kai_accepts(kai)


def _kai_claims_researcher1_with_orcid(open_page: OpenPage, orcid_site: str) -> Page:
    """Kai signs up with ORCID from researcher1's page; the record's iD is theirs, so the
    claim completes at once."""
    page = open_page("/authors/researcher1", allowed=(orcid_site,))
    page.locator("nav.account").get_by_role("link", name="Sign in").click()
    page.get_by_role("button", name="Sign in with ORCID").click()
    expect(page.get_by_role("heading", name="Welcome to Peergraph")).to_be_visible()
    page.get_by_role("button", name="Save and continue").click()
    best = page.get_by_test_id("claim-route-orcid_account")
    expect(best).to_contain_text(KAI_ORCID)
    save_screenshot(page, "claim-orcid-at-once.png")
    best.get_by_role("button", name="Claim with your ORCID iD").click()
    expect(page.get_by_test_id("claimed")).to_have_text("Claimed author")
    expect(page.get_by_test_id("claim-state")).to_contain_text("This record is yours")
    return page


def _kai_accepts(page: Page) -> None:
    """Kai opens the invitations page and accepts Mira's invitation."""
    page.locator("nav.account").get_by_role("link", name="Invitations").click()
    received = page.get_by_test_id("received-invitation")
    expect(received).to_contain_text("protein-ligand follow-up")
    people_words(page)
    received.get_by_role("button", name="Accept").click()
    expect(page.get_by_test_id("inbox-answered")).to_contain_text("You accepted the invitation")
    expect(received.get_by_test_id("invitation-state")).to_have_text("Accepted")


def test_a_second_claimant_gets_a_dispute_after_a_wrong_code(
        open_page: OpenPage, web_app: WebApp) -> None:
    page = open_page("/authors/researcher0", error_page=True)  # a wrong code answers 422
    sign_up_by_code(page, web_app, "noor@example.org", "Noor Haddad")
    if page.get_by_test_id("claimed").inner_text() != "Claimed author":
        pytest.skip("runs after the journey above, which claims researcher0")
    expect(page.get_by_test_id("claim-state")).to_contain_text("Another researcher holds")
    page.get_by_test_id("claim-route-email").get_by_role("button").click()
    expect(page.locator("#claim-sent")).to_contain_text("r***@example.org")
    code = outbox_code(web_app, "r0@example.org")
    page.get_by_label("One-time code").fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_test_id("action-status")).to_contain_text("The code is wrong")
    page.get_by_label("One-time code").fill(code)
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_test_id("claim-state")).to_contain_text("An admin will look at both claims")
    expect(page.get_by_test_id("claimed")).to_have_text("Claimed author")


def test_the_claim_panel_and_account_page_at_phone_width(
        open_page: OpenPage, web_app: WebApp) -> None:
    page = open_page("/authors/researcher2", width=390)
    sign_up_by_code(page, web_app, "lin@example.org", "Lin Wu")
    expect(page.get_by_test_id("claim-route-review")).to_contain_text("An admin checks")
    people_words(page)
    save_screenshot(page, "claim-routes-phone.png")
    page.get_by_label("Why this record is yours").fill("My thesis is among these works.")
    page.get_by_role("button", name="Ask for a review").click()
    expect(page.get_by_test_id("claim-state")).to_contain_text("with the admins")
    page.goto(web_app.url + "/account")
    save_screenshot(page, "account-phone.png")
