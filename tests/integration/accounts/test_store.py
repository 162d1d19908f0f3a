"""The accounts store itself, on SQLite and PostgreSQL: its migrations make exactly the
tables the code declares (and apply twice), and its locks hold under concurrent writers."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from identity_helpers import User, last_code, start_email_claim

from core.accounts import AccountsStore, open_store, tables
from service.auth import authenticate
from service.errors import PeergraphError
from service.identity import ratelimit, verify
from service.orcid import OrcidClient
from service.settings import Settings

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
    driver = client.app.state.driver  # type: ignore[attr-defined]

    def attempt(_: int) -> str:
        try:
            return verify.verify_claim(driver, acc_settings, store, caller, claim["id"], code,
                                       OrcidClient(acc_settings))[0]["status"]
        except PeergraphError as exc:
            return exc.code

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = sorted(pool.map(attempt, range(6)))
    assert outcomes.count("verified") == 1 and set(outcomes) == {"conflict", "verified"}
    with store.read() as conn:
        assert conn.execute(tables.claims.select()).mappings().one()["status"] == "verified"
