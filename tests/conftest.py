"""Shared fixtures: a real Neo4j for the whole session, an empty graph for each test."""

from __future__ import annotations

import os

# One OpenBLAS thread for the whole suite: the terminal test forks this process (its
# pseudo-terminal) while a rescoring thread may be inside OpenBLAS, whose thread pool then
# deadlocked on its own lock (blas_thread_init). Set before anything imports numpy.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from accounts_helpers import LocalPostgres, find_bin, wipe_accounts
from neo4j import Driver

from core.accounts import AccountsStore, open_store
from core.db import apply_schema, delete_everything, make_driver, record_schema_version
from core.localdb import LocalNeo4j, free_port
from core.settings import Settings

NEO4J_IMAGE = "neo4j:5.26.30-community"


@dataclass(frozen=True)
class Neo4jTarget:
    """Where the test session's Neo4j is and how it was found."""

    uri: str
    password: str
    user: str = "neo4j"
    how: str = "env"


def _docker_answers() -> bool:
    """True when a Docker engine responds (then Testcontainers can run Neo4j)."""
    try:
        import docker

        docker.from_env(timeout=3).ping()
    except Exception:
        return False
    return True


@pytest.fixture(scope="session")
def neo4j_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jTarget]:
    """PEERGRAPH_NEO4J_URI if set; else Testcontainers with Docker; else the local launcher."""
    if uri := os.environ.get("PEERGRAPH_NEO4J_URI"):
        yield Neo4jTarget(uri, Settings().password(), os.environ.get("PEERGRAPH_NEO4J_USER",
                                                                    "neo4j"))
        return
    password = secrets.token_urlsafe(16)
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer(NEO4J_IMAGE, password=password) as container:
            yield Neo4jTarget(container.get_connection_url(), password, how="testcontainers")
        return
    local = LocalNeo4j(home=tmp_path_factory.mktemp("neo4j"), host="127.0.0.1",
                       port=free_port(), password=password, heap="1g", pagecache="512m",
                       jar=Settings().launcher_jar)
    if not local.jar.is_file():
        pytest.fail(f"{local.jar} is missing: run `make install` to build the Neo4j launcher")
    local.start()
    try:
        yield Neo4jTarget(local.uri, password, how="launcher")
    finally:
        local.stop()


@pytest.fixture(scope="session")
def settings(neo4j_target: Neo4jTarget, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings pointing at the test session's Neo4j and a throwaway accounts store (SQLite),
    ignoring any developer .env."""
    accounts = tmp_path_factory.mktemp("accounts") / "accounts.db"
    return Settings(_env_file=None, neo4j_uri=neo4j_target.uri,  # type: ignore[call-arg]
                    neo4j_user=neo4j_target.user, neo4j_password=neo4j_target.password,
                    local_db_home=Path(tmp_path_factory.mktemp("unused-local-home")),
                    accounts_url=f"sqlite:///{accounts}", secret_key=secrets.token_urlsafe(48))


@pytest.fixture(scope="session")
def accounts_store(settings: Settings) -> Iterator[AccountsStore]:
    """The test session's accounts store (the SQLite file the settings name)."""
    store = open_store(settings.accounts_url, settings.secret_key_bytes())
    yield store
    store.close()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL (Debian's package); skipped, saying why, where it is missing."""
    binaries = find_bin()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed (initdb not found): `make test` installs "
                    "Debian's postgresql package; without it only SQLite is tested")
    server = LocalPostgres(binaries)
    url = server.start()
    try:
        yield url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def session_driver(settings: Settings) -> Iterator[Driver]:
    """One driver for the whole test session, like the service has one per process."""
    with make_driver(settings) as driver:
        driver.verify_connectivity()
        apply_schema(driver, settings.neo4j_database)
        yield driver


@pytest.fixture
def driver(session_driver: Driver, settings: Settings,
           accounts_store: AccountsStore) -> Driver:
    """The driver, over a graph emptied for this test (indexes and constraints kept), and an
    emptied accounts store."""
    wipe_accounts(accounts_store)
    delete_everything(session_driver, settings.neo4j_database)
    record_schema_version(session_driver, settings.neo4j_database)
    return session_driver
