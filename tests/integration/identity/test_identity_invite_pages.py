"""The pages' invitations over the real app: the profile's invite write refuses in the page's
words, lets a holder of several records choose which one invites, and the invitations page
answers through the API's rules and audit trail (CSRF checked, answered once)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from identity_helpers import User, claim_by_email, sign_in_page

Outbox = Callable[[], list[dict[str, str]]]


@pytest.fixture
def holders(client: TestClient, outbox: Outbox,
            make_user: Callable[[str], User]) -> tuple[User, User]:
    """Ada holds researcher0 and researcher1, Bob holds researcher2."""
    ada, bob = make_user("ada"), make_user("bob")
    claim_by_email(client, ada, "researcher0", outbox, "r0@example.org")
    claim_by_email(client, ada, "researcher1", outbox, "r1@example.org")
    claim_by_email(client, bob, "researcher2", outbox, "r2@example.org")
    return ada, bob


def _csrf(client: TestClient, path: str) -> tuple[str, str]:
    """A page's text and the CSRF token it carries."""
    page = client.get(path).text
    found = re.search(r'name="csrf-token" content="([^"]+)"', page)
    assert found is not None
    return page, found.group(1)


def _invite(client: TestClient, to: str, **extra: str) -> tuple[int, dict[str, str]]:
    _, csrf = _csrf(client, f"/authors/{to}")
    response = client.post("/web/invitations", headers={"X-CSRF-Token": csrf},
                           json={"to_author_id": to, "message": "Shall we?", **extra})
    return response.status_code, response.json()


def test_a_holder_of_several_records_chooses_which_invites_until_all_wait(
        client: TestClient, holders: tuple[User, User]) -> None:
    ada, _ = holders
    sign_in_page(client, ada.secret)
    page, _ = _csrf(client, "/authors/researcher2")
    assert re.search(r'<option value="researcher0">.*<option value="researcher1">', page, re.S)
    assert _invite(client, "researcher2", from_author_id="researcher0")[0] == 201
    page, _ = _csrf(client, "/authors/researcher2")
    assert "Invite as" not in page and 'id="invite-button" class="primary"' in page
    assert _invite(client, "researcher2", from_author_id="researcher1")[0] == 201
    page, _ = _csrf(client, "/authors/researcher2")
    assert "You have invited researcher2; the invitation is waiting for their answer." in page
    status, problem = _invite(client, "researcher2", from_author_id="researcher1")
    assert status == 409
    assert problem["detail"] == ("You have invited researcher2; the invitation is waiting "
                                 "for their answer.")
    status, problem = _invite(client, "researcher3")
    assert status == 403 and problem["detail"] == (
        "researcher3 has not claimed this record yet, so they cannot receive invitations.")
    status, problem = _invite(client, "researcher1")
    assert status == 422 and "your own record" in problem["detail"]


def test_the_invitations_page_answers_once_with_the_apis_audit(
        client: TestClient, holders: tuple[User, User], admin: User) -> None:
    ada, bob = holders
    sign_in_page(client, ada.secret)
    assert _invite(client, "researcher2", from_author_id="researcher0")[0] == 201
    client.cookies.clear()
    sign_in_page(client, bob.secret)
    page, csrf = _csrf(client, "/account/invitations")
    assert 'data-testid="invitations-waiting">1<' in page
    invitation = re.search(r'action="/account/invitations/([^/"]+)/accept"', page)
    assert invitation is not None
    accept = f"/account/invitations/{invitation.group(1)}/accept"
    forged = client.post(accept, data={"csrf_token": "not-this-sessions"})
    assert forged.status_code == 403 and "reload the page" in forged.text
    answered = client.post(accept, data={"csrf_token": csrf}, follow_redirects=False)
    assert answered.status_code == 303
    assert answered.headers["location"].startswith("/account/invitations?answered=")
    page = client.get(answered.headers["location"]).text
    assert "You accepted the invitation from researcher0." in page
    assert "invitations-waiting" not in page
    again = client.post(accept.replace("accept", "decline"), data={"csrf_token": csrf})
    assert again.status_code == 409
    assert "This invitation has already been answered" in again.text
    unknown = client.post("/account/invitations/inv_nope/accept", data={"csrf_token": csrf})
    assert unknown.status_code == 404 and "no longer exists" in unknown.text
    events = client.get("/api/v1/admin/audit", headers=admin.headers,
                        params={"action": "invitation.accept"}).json()
    assert [e["target"] for e in events["events"]] == [invitation.group(1)]
    assert events["events"][0]["user_id"] == bob.id
