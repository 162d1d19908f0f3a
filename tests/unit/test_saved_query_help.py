"""`peergraph query NAME --help` for every saved query, and the help a missing parameter gets."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli import app
from service.analyst import catalogue

QUERIES = [saved.name for saved in catalogue.all_queries()]


@pytest.mark.parametrize("name", QUERIES)
def test_every_saved_query_explains_itself(name: str) -> None:
    result = CliRunner().invoke(app, ["query", name, "--help"])
    assert result.exit_code == 0, result.output
    saved = catalogue.get(name)
    assert saved.title in result.stdout and "Example:" in result.stdout
    for param in saved.parameters:
        assert f"{param.name} ({param.type}, " in result.stdout


def test_a_missing_parameter_lists_what_the_query_takes() -> None:
    result = CliRunner().invoke(app, ["query", "collaborators_of_collaborators"])
    assert result.exit_code == 1
    message = str(result.exception)
    assert "needs parameter 'author'" in message
    assert "-p author=researcher1" in message


def test_query_help_without_a_name_is_the_command_help() -> None:
    result = CliRunner().invoke(app, ["query", "--help"])
    assert result.exit_code == 0 and "Saved query name" in result.stdout
