"""Faults: the service restarts between starting a claim and verifying it; the claim survives.

A pending claim lives in the graph (not in the process), so a new app over the same Neo4j
accepts the code the old one sent. The restart is a real one in everything the process holds:
the first app is shut down (lifespan exit, driver closed) before the second is created."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from accounts_helpers import add_record_emails
from fastapi.testclient import TestClient
from neo4j import Driver

from core.accounts import AccountsStore
from core.settings import Settings
from loaders.sample import load_sample
from service.app import create_app
from service.identity import accounts

AUTHOR, ADDRESS = "researcher1", "r1@example.org"


def _code_sent_to(outbox: Path, address: str) -> str:
    """The code in the newest message the file outbox holds for this address."""
    messages = [json.loads(line) for line in outbox.read_text().splitlines()]
    body = [m for m in messages if m["to"] == address][-1]["body"]
    found = re.search(r"the code is (\d{6})", body)
    assert found, body
    return found.group(1)


def _holders(driver: Driver, settings: Settings) -> list[Any]:
    records, _, _ = driver.execute_query(
        "MATCH (u:User)-[:CLAIMED]->(:Author {id: $id}) RETURN u.id AS holder", id=AUTHOR,
        database_=settings.neo4j_database)
    return [r["holder"] for r in records]


def test_a_pending_claim_survives_a_service_restart(driver: Driver, settings: Settings,
                                                    accounts_store: AccountsStore,
                                                    tmp_path: Path) -> None:
    load_sample(driver, settings.neo4j_database)
    add_record_emails(accounts_store, {AUTHOR: [ADDRESS]})
    outbox = tmp_path / "outbox.jsonl"
    app_settings = settings.model_copy(update={"outbox": "file", "outbox_path": outbox})
    user, _, secret = accounts.create_user(accounts_store, app_settings, accounts.CLI_CALLER,
                                           "ada@example.org", "Ada")
    headers = {"Authorization": f"Bearer {secret}"}

    with TestClient(create_app(app_settings)) as before:
        started = before.post(f"/api/v1/authors/{AUTHOR}/claims", headers=headers,
                              json={"method": "email"})
        assert started.status_code == 201, started.text
        claim = started.json()["claim"]
        assert claim["status"] == "pending"
    code = _code_sent_to(outbox, ADDRESS)
    assert _holders(driver, settings) == []

    with TestClient(create_app(app_settings)) as after:
        verified = after.post(f"/api/v1/claims/{claim['id']}/verify", headers=headers,
                              json={"code": code})
        assert verified.status_code == 200, verified.text
        assert verified.json()["claim"]["status"] == "verified"
        assert after.get(f"/api/v1/authors/{AUTHOR}").json()["claimed"] is True
    assert _holders(driver, settings) == [user["id"]]
