"""`peergraph rescore` from the command line, and a clear error for a bad schedule."""

from collections.abc import Iterator

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from cli import app
from core.errors import ConfigurationError
from core.settings import Settings, get_settings
from loaders.sample import load_sample
from scoring.schedule import cron_trigger


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> Iterator[None]:
    monkeypatch.setenv("PEERGRAPH_NEO4J_URI", settings.neo4j_uri)
    monkeypatch.setenv("PEERGRAPH_NEO4J_PASSWORD", settings.password())
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_rescore_full_then_incremental(driver: Driver, settings: Settings,
                                       cli_env: None) -> None:
    load_sample(driver, settings.neo4j_database)
    runner = CliRunner()
    first = runner.invoke(app, ["rescore", "--full"])
    assert first.exit_code == 0, first.output
    assert "(full) completed: 5 authors scored" in first.output
    second = runner.invoke(app, ["rescore"])
    assert second.exit_code == 0, second.output
    assert "(incremental) completed: 0 authors scored" in second.output


def test_a_bad_cron_line_says_what_is_wrong() -> None:
    with pytest.raises(ConfigurationError, match="PEERGRAPH_RESCORE_CRON='every night'"):
        cron_trigger("every night")
    assert cron_trigger("0 3 * * *") is not None
