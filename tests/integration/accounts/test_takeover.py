"""The takeover of issue 14, replayed: a user starts an e-mail claim on a record whose
address is not theirs, then tries every way to the code. The graph has no trace of it, and
even a full copy of the accounts store cannot be brute-forced offline without the key."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from fastapi.testclient import TestClient
from identity_helpers import User, start_email_claim
from sqlalchemy import select

from core.accounts import AccountsStore, tables
from core.keyed import keyed

Outbox = Callable[[], list[dict[str, str]]]


def test_the_claim_code_cannot_be_read_or_cracked(client: TestClient, store: AccountsStore,
                                                  outbox: Outbox,
                                                  make_user: Callable[[str], User]) -> None:
    mallory = make_user("mallory")
    claim = start_email_claim(client, mallory, "researcher1")["claim"]  # code to r1@…
    for text in ("MATCH (c:Claim {id: $id}) RETURN c.code_hash",
                 "MATCH (n) WHERE n.id = $id RETURN n",
                 "MATCH (n) WHERE any(k IN keys(n) WHERE k CONTAINS 'hash') RETURN n"):
        answer = client.post("/api/v1/cypher", json={"query": text,
                                                      "parameters": {"id": claim["id"]}})
        assert answer.status_code == 200 and answer.json()["rows"] in ([], [[None]])
    # A full copy of the store: the unkeyed 6-digit search of the old attack finds nothing.
    with store.read() as conn:
        stored = conn.execute(select(tables.claims.c.code_hash).where(
            tables.claims.c.id == claim["id"])).scalar_one()
    old_scheme = {hashlib.sha256(f"{claim['id']}:{n:06d}".encode()).hexdigest()
                  for n in range(1_000_000)}
    assert stored not in old_scheme
    code = next(m for m in outbox() if m["to"] == "r1@example.org")["body"]
    sent = code.split("the code is ")[1][:6]
    assert stored == keyed(store.key, "claim-code", f"{claim['id']}:{sent}")  # only with key
    # Without the code, guessing is stopped by the claim's attempt limit.
    statuses = [client.post(f"/api/v1/claims/{claim['id']}/verify", headers=mallory.headers,
                            json={"code": f"{n:06d}"}).status_code
                for n in range(6) if f"{n:06d}" != sent]
    assert statuses[-1] == 429
    profile = client.get("/api/v1/authors/researcher1").json()
    assert profile["claimed"] is False
    refused = client.post("/api/v1/invitations", headers=mallory.headers,
                          json={"to_author_id": "researcher0", "message": "hello"})
    assert refused.status_code == 403
