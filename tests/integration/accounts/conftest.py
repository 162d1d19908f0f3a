"""Fixtures of the accounts-store tests: each runs against SQLite and against a throwaway
PostgreSQL, with the real app over the real Neo4j and the identity test graph."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from accounts_helpers import RECORD_EMAILS, add_record_emails, run_script, wipe_accounts
from fastapi.testclient import TestClient
from neo4j import Driver
from pydantic import SecretStr

from core.accounts import AccountsStore, open_store
from core.settings import Settings
from service.app import create_app

IDENTITY = Path(__file__).resolve().parents[1] / "identity"
sys.path.insert(0, str(IDENTITY))  # the identity tests' helpers and fake ORCID

from identity_fakes import FakeOrcid  # noqa: E402
from identity_helpers import User, bootstrap_admin, outbox_reader, user_maker  # noqa: E402


@pytest.fixture(scope="session")
def orcid_peer() -> Iterator[FakeOrcid]:
    """A local ORCID token endpoint."""
    fake = FakeOrcid()
    yield fake
    fake.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request: pytest.FixtureRequest, settings: Settings) -> str:
    """The accounts store's URL: the session's SQLite file, or the throwaway PostgreSQL."""
    if request.param == "sqlite":
        return settings.accounts_url
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store(backend_url: str, settings: Settings) -> Iterator[AccountsStore]:
    """The accounts store on that backend, emptied for this test."""
    opened = open_store(backend_url, settings.secret_key_bytes())
    wipe_accounts(opened)
    add_record_emails(opened, RECORD_EMAILS)
    yield opened
    opened.close()


@pytest.fixture
def acc_settings(settings: Settings, backend_url: str, orcid_peer: FakeOrcid,
                 tmp_path: Path) -> Settings:
    """The session's settings on that backend, a file outbox and the fake ORCID."""
    return settings.model_copy(update={
        "accounts_url": backend_url, "outbox": "file", "outbox_path": tmp_path / "outbox.jsonl",
        "orcid_client_id": "APP-TEST", "orcid_client_secret": SecretStr("orcid-app-secret"),
        "orcid_authorize_url": f"{orcid_peer.url}/authorize",
        "orcid_token_url": f"{orcid_peer.url}/oauth/token"})


@pytest.fixture
def graph(driver: Driver, settings: Settings) -> Driver:
    """An emptied graph with the sample and the identity fixture (ORCID iD, institution)."""
    from loaders.sample import load_sample

    load_sample(driver, settings.neo4j_database)
    run_script(driver, settings.neo4j_database, "identity_graph.cypher")
    return driver


@pytest.fixture
def client(graph: Driver, store: AccountsStore, acc_settings: Settings) -> Iterator[TestClient]:
    """The real app over the test graph and the store."""
    with TestClient(create_app(acc_settings)) as test_client:
        yield test_client


@pytest.fixture
def admin(store: AccountsStore, acc_settings: Settings) -> User:
    """An admin, bootstrapped the way `peergraph users create --admin` does it."""
    return bootstrap_admin(store, acc_settings)


@pytest.fixture
def make_user(client: TestClient, admin: User) -> Callable[[str], User]:
    """make_user(name) creates a user through the API (as the admin) and returns it."""
    return user_maker(client, admin)


@pytest.fixture
def outbox(acc_settings: Settings) -> Callable[[], list[dict[str, str]]]:
    """outbox() lists the messages the file outbox holds, oldest first."""
    return outbox_reader(acc_settings.outbox_path)
