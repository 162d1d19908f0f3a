"""Fixtures of the identity tests: the sample graph plus e-mails/ORCID/institution, the real
app over the real Neo4j, an admin, users with tokens, the file outbox and a fake ORCID."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from accounts_helpers import RECORD_EMAILS, add_record_emails
from fastapi.testclient import TestClient
from identity_fakes import FakeOrcid
from identity_helpers import User, bootstrap_admin, outbox_reader, user_maker
from neo4j import Driver
from pydantic import SecretStr

from core.accounts import AccountsStore
from core.settings import Settings
from loaders.sample import load_sample
from service.app import create_app

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "identity"


@pytest.fixture(scope="session")
def fake_orcid() -> Iterator[FakeOrcid]:
    """A local ORCID token endpoint."""
    fake = FakeOrcid()
    yield fake
    fake.close()


@pytest.fixture
def id_settings(settings: Settings, fake_orcid: FakeOrcid, tmp_path: Path) -> Settings:
    """The session's settings with a file outbox in tmp, the fake ORCID (sending browsers back
    to the test client's pages) and small limits."""
    return settings.model_copy(update={
        "outbox": "file", "outbox_path": tmp_path / "outbox.jsonl",
        "orcid_client_id": "APP-TEST", "orcid_client_secret": SecretStr("orcid-app-secret"),
        "orcid_authorize_url": f"{fake_orcid.url}/oauth/authorize",
        "orcid_token_url": f"{fake_orcid.url}/oauth/token",
        "orcid_redirect_uri": "http://testserver/orcid/callback",  # the test client's host
        "claim_max_attempts": 3, "claim_verify_limit": 8, "claim_start_limit": 4,
    })


@pytest.fixture
def graph(driver: Driver, settings: Settings, accounts_store: AccountsStore) -> Driver:
    """An emptied graph with the sample and the identity fixture, and the records' e-mail
    addresses in the accounts store."""
    add_record_emails(accounts_store, RECORD_EMAILS)
    load_sample(driver, settings.neo4j_database)
    text = (FIXTURES / "identity_graph.cypher").read_text(encoding="utf-8")
    body = "\n".join(ln for ln in text.splitlines() if not ln.strip().startswith("//"))
    with driver.session(database=settings.neo4j_database) as session:
        for statement in filter(None, (part.strip() for part in body.split(";"))):
            session.run(statement).consume()  # type: ignore[arg-type]
    return driver


@pytest.fixture
def client(graph: Driver, id_settings: Settings) -> Iterator[TestClient]:
    """The real app over the test graph."""
    with TestClient(create_app(id_settings)) as test_client:
        yield test_client


@pytest.fixture
def admin(graph: Driver, id_settings: Settings, accounts_store: AccountsStore) -> User:
    """An admin, bootstrapped the way `peergraph users create --admin` does it."""
    return bootstrap_admin(accounts_store, id_settings)


@pytest.fixture
def make_user(client: TestClient, admin: User) -> Callable[[str], User]:
    """make_user(name) creates a user through the API (as the admin) and returns it."""
    return user_maker(client, admin)


@pytest.fixture
def outbox(id_settings: Settings) -> Callable[[], list[dict[str, str]]]:
    """outbox() lists the messages the file outbox holds, oldest first."""
    return outbox_reader(id_settings.outbox_path)
