"""Settings: prefix, secrets kept secret, sizes validated, a clear error without a password."""

import pytest
from pydantic import ValidationError

from service.errors import ConfigurationError
from service.settings import Settings


def test_reads_prefixed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERGRAPH_NEO4J_URI", "bolt://127.0.0.1:7799")
    monkeypatch.setenv("PEERGRAPH_NEO4J_PASSWORD", "s3cret-value")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.bolt_host_port == ("127.0.0.1", 7799)
    assert settings.password() == "s3cret-value"
    assert "s3cret-value" not in repr(settings)


def test_missing_password_says_where_to_set_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PEERGRAPH_NEO4J_PASSWORD", raising=False)
    with pytest.raises(ConfigurationError, match="PEERGRAPH_NEO4J_PASSWORD"):
        Settings(_env_file=None).password()  # type: ignore[call-arg]


def test_memory_sizes_are_checked() -> None:
    with pytest.raises(ValidationError, match="not a size"):
        Settings(_env_file=None, local_db_heap="lots")  # type: ignore[call-arg]
