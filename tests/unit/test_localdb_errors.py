"""The local Neo4j fails fast, with one clear line, before any JVM starts."""

import socket
from pathlib import Path

import pytest

from core.localdb import LocalDbError, LocalNeo4j, free_port
from core.settings import Settings


def _local(tmp_path: Path, **overrides: object) -> LocalNeo4j:
    values: dict = {"home": tmp_path, "host": "127.0.0.1", "port": free_port(),
                    "password": "long-enough-pw", "jar": tmp_path / "missing.jar"}
    values.update(overrides)
    return LocalNeo4j(**values)


def test_port_in_use_names_the_port(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(LocalDbError, match=f"Port {port} .* already in use"):
            _local(tmp_path, port=port).start()


def test_short_password_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LocalDbError, match="at least 8 characters"):
        _local(tmp_path, password="short").start()


def test_missing_java_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LocalDbError, match="Java is not installed"):
        _local(tmp_path).start()


def test_unbuilt_launcher_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(LocalDbError, match="make install"):
        _local(tmp_path).start()


def test_remote_uri_is_not_managed_locally() -> None:
    settings = Settings(_env_file=None, neo4j_uri="neo4j://db.example.org:7687",  # type: ignore[call-arg]
                        neo4j_password="whatever-long")
    with pytest.raises(LocalDbError, match="only a Neo4j on this machine"):
        LocalNeo4j.from_settings(settings)
