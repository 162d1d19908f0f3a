"""The audit trail and the logs: every write recorded with its user and token, listable by
admins only; no token secret ever reaches a log line or the audit trail."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from identity_fakes import FakeOrcid
from identity_helpers import User, claim_by_email


def test_every_write_is_recorded_with_who_what_and_which_token(
        client: TestClient, admin: User, outbox: Callable[[], list[dict[str, str]]],
        make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    client.put("/api/v1/authors/researcher0/follow", headers=ada.headers)
    client.delete("/api/v1/authors/researcher0/follow", headers=ada.headers)
    claim_by_email(client, ada, "researcher1", outbox, "r1@example.org")
    assert client.get("/api/v1/admin/audit", headers=ada.headers).status_code == 403
    events = client.get("/api/v1/admin/audit", params={"user_id": ada.id},
                        headers=admin.headers).json()["events"]
    assert [e["action"] for e in events] == ["claim.verify", "claim.start", "follow.delete",
                                             "follow.create"]
    assert {e["token_id"] for e in events} == {ada.token_id}
    assert events[0]["target"] == "researcher1" and events[0]["detail"]["level"] == "L2"
    created = client.get("/api/v1/admin/audit", params={"action": "user.create"},
                         headers=admin.headers).json()["events"]
    assert [e["target"] for e in created] == [ada.id, admin.id]
    assert created[1]["user_id"] == "cli" and created[0]["token_id"] == admin.token_id
    older = client.get("/api/v1/admin/audit", params={"before": events[1]["at"],
                                                      "user_id": ada.id},
                       headers=admin.headers).json()["events"]
    assert [e["action"] for e in older] == ["follow.delete", "follow.create"]


def test_tokens_are_never_logged(client: TestClient, admin: User, fake_orcid: FakeOrcid,
                                 outbox: Callable[[], list[dict[str, str]]],
                                 make_user: Callable[[str], User],
                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # the driver's debug log shows every query's parameters
    ada = make_user("ada")
    issued = client.post("/api/v1/tokens", headers=ada.headers, json={"name": "ci"}).json()
    client.put("/api/v1/authors/researcher0/follow", headers=ada.headers)
    claim_by_email(client, ada, "researcher1", outbox, "r1@example.org")
    started = client.post("/api/v1/authors/researcher0/claims", headers=ada.headers,
                          json={"method": "orcid"}).json()
    client.delete(f"/api/v1/tokens/{issued['token']['id']}", headers=ada.headers)
    client.put("/api/v1/authors/researcher0/follow",
               headers={"Authorization": f"Bearer {issued['secret']}"})
    audit = client.get("/api/v1/admin/audit", headers=admin.headers).text
    assert any(r.name.startswith("neo4j") for r in caplog.records)  # the logs were captured
    state = started["authorize_url"].rpartition("state=")[2]
    for secret in (admin.secret, ada.secret, issued["secret"], state):
        assert secret not in caplog.text
        assert secret not in audit
