"""Every saved query answers on the bundled, scored sample with its defaults (a required
parameter given the example its own help shows): an analyst's first try returns rows."""

from __future__ import annotations

import pytest
from neo4j import Driver

from cli.saved_help import empty_answer, example_value
from core.db import apply_schema, delete_everything
from core.settings import Settings
from loaders.sample import load_sample
from scoring.run import RunOptions, rescore
from service.analyst import catalogue
from service.analyst.limits import Limits
from service.analyst.runner import run_json

# What the bundled sample holds no data for (it has neither citations nor affiliations):
# these answer with 0 rows, and the terminal then names the values it asked with.
NOT_IN_SAMPLE = {"citations_within_group": "CITES", "institutions_by_verified_authors":
                 "AFFILIATED_WITH"}
QUERIES = [saved.name for saved in catalogue.all_queries()]


@pytest.fixture(scope="module")
def scored_sample(session_driver: Driver, settings: Settings) -> Driver:
    """The sample, scored once, for the whole module."""
    delete_everything(session_driver, settings.neo4j_database)
    apply_schema(session_driver, settings.neo4j_database)
    load_sample(session_driver, settings.neo4j_database)
    rescore(session_driver, settings.neo4j_database, RunOptions(full=True))
    return session_driver


@pytest.mark.parametrize("name", QUERIES)
def test_the_defaults_answer_on_the_sample(scored_sample: Driver, settings: Settings,
                                           name: str) -> None:
    saved = catalogue.get(name)
    given = {p.name: catalogue.from_text(p, example_value(p))
             for p in saved.parameters if p.required}
    bound = saved.bind(given)
    answer = run_json(scored_sample, settings, saved.text, bound, Limits(100, 30))
    if name in NOT_IN_SAMPLE:
        missing = NOT_IN_SAMPLE[name]
        records, _, _ = scored_sample.execute_query(
            "MATCH ()-[r]->() WHERE type(r) = $type RETURN count(r)", type=missing)
        assert records[0][0] == 0 and answer["row_count"] == 0
        assert empty_answer(saved, bound).startswith(f"No rows for {next(iter(bound))} = ")
        return
    assert answer["row_count"] > 0, (name, bound)
