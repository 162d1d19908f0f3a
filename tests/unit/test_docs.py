"""Docs kept true by tests, as datasette does: the README's settings table names exactly the
Settings fields; every saved query is listed in docs/ANALYST.md."""

from __future__ import annotations

import re
from pathlib import Path

import cypher
from core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _settings_table() -> str:
    """The README's settings section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]


def documented_settings(section: str) -> set[str]:
    """Every variable a table row names: full names, and `_SUFFIX` short forms that extend
    the row's first name's group (`PEERGRAPH_SMTP_HOST`, `_PORT` → PEERGRAPH_SMTP_PORT)."""
    names: set[str] = set()
    for row in (line for line in section.splitlines() if line.startswith("| `")):
        first_cell = row.split("|")[1]
        full = re.findall(r"PEERGRAPH_[A-Z0-9_]+", row)
        group = "_".join(full[0].split("_")[:2]) if full else ""
        names |= set(full)
        names |= {group + short for short in re.findall(r"`(_[A-Z0-9_]+)`", first_cell)}
    return names


def test_the_readme_settings_table_and_the_settings_class_agree() -> None:
    fields = {f"PEERGRAPH_{name.upper()}" for name in Settings.model_fields}
    documented = documented_settings(_settings_table())
    assert documented - fields == set(), "documented, but no such setting"
    assert fields - documented == set(), "a setting the README does not document"


def test_every_saved_query_is_listed_in_the_analyst_guide() -> None:
    guide = (ROOT / "docs" / "ANALYST.md").read_text(encoding="utf-8")
    missing = [name for name in cypher.names("analyst")
               if f"`{name.split('/', 1)[1]}`" not in guide]
    assert missing == []


def test_every_api_operation_has_a_summary_and_a_description() -> None:
    from service.app import create_app

    app = create_app(Settings(secret_key="k" * 43, neo4j_password="unused"))
    operations = [(method.upper(), path, op) for path, ops in app.openapi()["paths"].items()
                  for method, op in ops.items()]
    assert len(operations) > 30
    for method, path, op in operations:
        assert op.get("summary", "").strip(), f"{method} {path} has no summary"
        assert op.get("description", "").strip(), f"{method} {path} has no description"
    ids = [op["operationId"] for _, _, op in operations]
    assert len(ids) == len(set(ids))
