"""Collaboration invitations against the real service: only between claimed authors (a
clear 403 otherwise), answered once, only by the holder of the invited record."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from identity_helpers import User, claim_by_email

Outbox = Callable[[], list[dict[str, str]]]


@pytest.fixture
def holders(client: TestClient, outbox: Outbox,
            make_user: Callable[[str], User]) -> tuple[User, User, User]:
    """Ada holds researcher1, Bob holds researcher2; Cy holds nothing."""
    ada, bob, cy = make_user("ada"), make_user("bob"), make_user("cy")
    claim_by_email(client, ada, "researcher1", outbox, "r1@example.org")
    claim_by_email(client, bob, "researcher2", outbox, "r2@example.org")
    return ada, bob, cy


def _invite(client: TestClient, user: User, to: str, **extra: str) -> Response:
    return client.post("/api/v1/invitations", headers=user.headers,
                       json={"to_author_id": to, "message": "Shall we write together?",
                             **extra})


def test_invitations_need_both_sides_claimed(client: TestClient,
                                             holders: tuple[User, User, User]) -> None:
    ada, _, cy = holders
    unclaimed_sender = _invite(client, cy, "researcher1")
    assert unclaimed_sender.status_code == 403
    assert "claim yours first" in unclaimed_sender.json()["detail"]
    unclaimed_recipient = _invite(client, ada, "researcher3")
    assert unclaimed_recipient.status_code == 403
    assert "has not claimed their record" in unclaimed_recipient.json()["detail"]
    assert _invite(client, ada, "researcher1").status_code == 422
    assert _invite(client, ada, "researcher2", from_author_id="researcher2"
                   ).status_code == 403


def test_an_invitation_is_sent_listed_and_answered_once_by_its_recipient(
        client: TestClient, holders: tuple[User, User, User]) -> None:
    ada, bob, cy = holders
    sent = _invite(client, ada, "researcher2")
    assert sent.status_code == 201
    invitation = sent.json()
    assert invitation["from_author"] == "researcher1" and invitation["to_user_id"] == bob.id
    assert _invite(client, ada, "researcher2").status_code == 409
    received = client.get("/api/v1/invitations", headers=bob.headers).json()["invitations"]
    assert [i["id"] for i in received] == [invitation["id"]]
    outgoing = client.get("/api/v1/invitations?box=sent", headers=ada.headers).json()
    assert [i["id"] for i in outgoing["invitations"]] == [invitation["id"]]
    assert client.get("/api/v1/invitations", headers=ada.headers).json()["invitations"] == []
    for stranger in (ada, cy):  # the sender cannot accept for the recipient, nor can others
        answer = client.post(f"/api/v1/invitations/{invitation['id']}/accept",
                             headers=stranger.headers)
        assert answer.status_code == 403
    accepted = client.post(f"/api/v1/invitations/{invitation['id']}/accept",
                           headers=bob.headers)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert client.post(f"/api/v1/invitations/{invitation['id']}/decline",
                       headers=bob.headers).status_code == 409
    back = _invite(client, bob, "researcher1")
    declined = client.post(f"/api/v1/invitations/{back.json()['id']}/decline",
                           headers=ada.headers)
    assert declined.json()["status"] == "declined"
