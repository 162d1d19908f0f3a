"""arXiv and the sample load into the real Neo4j; the CLI's summary and exit status."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from loaders_helpers import FIXTURES, count, graph_snapshot
from neo4j import Driver
from typer.testing import CliRunner

from cli import app
from core.settings import Settings, get_settings
from loaders.arxiv import load_arxiv, name_key
from loaders.pipeline import LoadOptions
from loaders.sample import load_sample

ARXIV = FIXTURES / "arxiv-metadata-head50.jsonl"


def _expected(path: Path) -> dict[str, int]:
    """Counts worked out directly from the arXiv records."""
    records = [json.loads(line) for line in path.read_text().splitlines()]
    names, categories, authored, about = set(), set(), 0, 0
    for record in records:
        keys = {name_key(" ".join(p for p in (first, last, *rest) if p))
                for last, first, *rest in record["authors_parsed"]}
        names |= keys
        authored += len(record["authors_parsed"])
        cats = set(record["categories"].split())
        categories |= cats
        about += len(cats)
    return {"works": len(records), "authors": len(names), "topics": len(categories),
            "AUTHORED": authored, "ABOUT": about}


def test_arxiv_loads_with_exact_counts_and_twice_the_same(driver: Driver, settings: Settings,
                                                          tmp_path: Path) -> None:
    options = LoadOptions(state_dir=tmp_path, progress=False, batch_size=20)
    summary = load_arxiv(driver, settings.neo4j_database, ARXIV, options)
    assert (summary.status, summary.loaded, summary.rejected) == ("completed", 50, 0)
    expected = _expected(ARXIV)
    assert count(driver, "MATCH (w:Work) RETURN count(w)") == expected["works"]
    assert count(driver, "MATCH (a:Author {identity: 'name'}) RETURN count(a)") == (
        expected["authors"])
    assert count(driver, "MATCH (t:Topic {source: 'arxiv'}) RETURN count(t)") == (
        expected["topics"])
    assert count(driver, "MATCH ()-[r:AUTHORED]->() RETURN count(r)") == expected["AUTHORED"]
    assert count(driver, "MATCH ()-[r:ABOUT]->() RETURN count(r)") == expected["ABOUT"]
    assert count(driver, "MATCH (:Work)-[:PUBLISHED_IN]->(:Venue {id: 'venue:arxiv'}) "
                         "RETURN count(*)") == 50
    before = graph_snapshot(driver)
    load_arxiv(driver, settings.neo4j_database, ARXIV, options)
    assert graph_snapshot(driver) == before


def test_arxiv_authors_never_merge_with_strong_identities(driver: Driver, settings: Settings,
                                                          tmp_path: Path) -> None:
    load_sample(driver, settings.neo4j_database)
    load_arxiv(driver, settings.neo4j_database, ARXIV,
               LoadOptions(state_dir=tmp_path, progress=False))
    assert count(driver, "MATCH (a:Author) WHERE a.identity = 'name' AND "
                         "(a.orcid IS NOT NULL OR a.openalex_id IS NOT NULL) "
                         "RETURN count(a)") == 0
    assert count(driver, "MATCH (r:LoadRun {status: 'completed'}) RETURN count(r)") == 2


@pytest.fixture
def cli_env(settings: Settings, tmp_path: Path,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The CLI's settings pointed at the test Neo4j and a temporary state folder."""
    monkeypatch.setenv("PEERGRAPH_NEO4J_URI", settings.neo4j_uri)
    monkeypatch.setenv("PEERGRAPH_NEO4J_PASSWORD", settings.password())
    monkeypatch.setenv("PEERGRAPH_LOAD_STATE_DIR", str(tmp_path / "state"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.usefixtures("cli_env")
def test_cli_summary_and_exit_status(driver: Driver, tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["load", "arxiv", str(ARXIV), "--batch-size", "25"])
    assert ok.exit_code == 0, ok.output
    assert "50 records loaded, 0 rejected" in ok.output
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_text("not json\n{\"no\": \"id\"}\n")
    bad = runner.invoke(app, ["load", "openalex", str(garbage)])
    assert bad.exit_code == 1
    assert "0 records loaded, 2 rejected" in bad.output and "rejects" in bad.output


@pytest.mark.usefixtures("cli_env")
def test_cli_loads_an_s2ag_release_and_a_diff(driver: Driver, tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["load", "s2ag", str(FIXTURES / "s2ag" / "publication-venues")])
    assert ok.exit_code == 0, ok.output
    assert "s2ag load completed: 10 records loaded, 0 rejected" in ok.output
    venue = json.loads((FIXTURES / "s2ag" / "publication-venues" / "part-000.jsonl")
                       .read_text().splitlines()[0])
    (tmp_path / "diff" / "deletes" / "publication-venues").mkdir(parents=True)
    (tmp_path / "diff" / "deletes" / "publication-venues" / "part-0").write_text(
        json.dumps({"id": venue["id"]}) + "\n")
    diff = runner.invoke(app, ["load", "s2ag", "--diff", str(tmp_path / "diff")])
    assert diff.exit_code == 0, diff.output
    assert count(driver, "MATCH (v:Venue) RETURN count(v)") == 9
    both = runner.invoke(app, ["load", "s2ag", str(tmp_path), "--diff", str(tmp_path)])
    said = " ".join(both.output.replace("│", " ").split())  # the error box wraps its text
    assert both.exit_code == 2 and "or --diff DIR (a release diff), not both" in said
