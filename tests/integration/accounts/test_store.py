"""The accounts store itself, on SQLite and PostgreSQL: its migrations make exactly the
tables the code declares (and apply twice), and its locks hold under concurrent writers."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from identity_helpers import User, last_code, start_email_claim

from core.accounts import AccountsStore, open_store, tables
from core.errors import PeergraphError
from core.settings import Settings
from service.auth import authenticate
from service.identity import ratelimit, verify
from service.orcid import OrcidClient

Outbox = Callable[[], list[dict[str, str]]]


def test_migrations_make_the_declared_tables_and_apply_twice(store: AccountsStore,
                                                             backend_url: str,
                                                             settings: Settings) -> None:
    open_store(backend_url, settings.secret_key_bytes()).close()  # a second upgrade: no-op
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), tables.metadata)
    assert differences == []


def test_every_concurrent_hit_of_a_rate_limit_is_counted(store: AccountsStore,
                                                         acc_settings: Settings) -> None:
    limits = acc_settings.model_copy(update={"claim_window_s": 3600})

    def hit(_: int) -> bool:
        try:
            ratelimit.hit(store, limits, "bench:concurrent", 15, "tries")
        except PeergraphError:
            return False
        return True

    with ThreadPoolExecutor(max_workers=8) as pool:
        allowed = list(pool.map(hit, range(24)))
    assert allowed.count(True) == 15  # never more than the limit, whatever the interleaving
    with store.read() as conn:
        count = conn.execute(tables.rate_limits.select()).mappings().one()["count"]
    assert count == 24


def test_a_claim_verified_by_many_requests_at_once_is_granted_once(
        client: TestClient, graph: object, store: AccountsStore, acc_settings: Settings,
        outbox: Outbox, make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    claim = start_email_claim(client, ada, "researcher1")["claim"]
    code = last_code(outbox, "r1@example.org")
    caller = authenticate(store, ada.secret)
    graph = client.app.state.graph  # type: ignore[attr-defined]

    def attempt(_: int) -> str:
        try:
            return verify.verify_claim(graph, acc_settings, store, caller, claim["id"], code,
                                       OrcidClient(acc_settings))[0]["status"]
        except PeergraphError as exc:
            return exc.code

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = sorted(pool.map(attempt, range(6)))
    assert outcomes.count("verified") == 1 and set(outcomes) == {"conflict", "verified"}
    with store.read() as conn:
        assert conn.execute(tables.claims.select()).mappings().one()["status"] == "verified"


def test_text_the_store_cannot_hold_is_a_422_on_both_databases(
        client: TestClient, make_user: Callable[[str], User]) -> None:
    ada = make_user("ada")
    for response in (client.post("/api/v1/tokens", headers=ada.headers,
                                 json={"name": "a\u0000b"}),
                     client.get("/api/v1/claims/x%00", headers=ada.headers),
                     client.delete("/api/v1/tokens/x%00", headers=ada.headers)):
        assert response.status_code == 422, response.text
        assert "NUL" in response.json()["detail"]


def test_one_pending_invitation_per_pair_even_when_sent_at_once(
        client: TestClient, outbox: Outbox, make_user: Callable[[str], User]) -> None:
    ada, bob = make_user("ada"), make_user("bob")
    for user, author, to in ((ada, "researcher1", "r1@example.org"),
                             (bob, "researcher2", "r2@example.org")):
        claim = start_email_claim(client, user, author)["claim"]
        assert client.post(f"/api/v1/claims/{claim['id']}/verify", headers=user.headers,
                           json={"code": last_code(outbox, to)}).status_code == 200

    def send(_: int) -> int:
        return client.post("/api/v1/invitations", headers=ada.headers, json={
            "to_author_id": "researcher2", "message": "Together?"}).status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = sorted(pool.map(send, range(6)))
    assert statuses == [201, 409, 409, 409, 409, 409]


def test_processes_starting_together_on_a_fresh_file_each_migrate_it(
        tmp_path: Path, settings: Settings) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    with ThreadPoolExecutor(max_workers=4) as pool:
        stores = list(pool.map(lambda _: open_store(url, settings.secret_key_bytes()),
                               range(4)))
    for store in stores:
        store.close()
    assert (tmp_path / "fresh.db").stat().st_mode & 0o077 == 0  # private to this user
