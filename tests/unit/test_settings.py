"""Settings: prefix, secrets kept secret, sizes validated, a clear error without a password."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from core.errors import ConfigurationError
from core.settings import Settings


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


def test_every_analyst_setting_is_documented() -> None:
    # In the README's settings table (rows may group names: `PEERGRAPH_ANALYST_A` / `_B`)
    # and, each by its full name, in docs/ANALYST.md.
    root = Path(__file__).resolve().parents[2]
    rows = [line for line in (root / "README.md").read_text().splitlines()
            if line.startswith("| `PEERGRAPH_")]
    analyst_doc = (root / "docs" / "ANALYST.md").read_text()
    for name in (n for n in Settings.model_fields if n.startswith("analyst_")):
        full = f"PEERGRAPH_{name.upper()}"
        short = f"`_{name.upper().removeprefix('ANALYST_')}`"
        assert any(full in row or (row.startswith("| `PEERGRAPH_ANALYST_") and short in row)
                   for row in rows), f"{full} is missing from the README's settings table"
        assert f"`{full}`" in analyst_doc, f"{full} is missing from docs/ANALYST.md"
