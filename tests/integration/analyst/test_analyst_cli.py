"""`peergraph cypher`, `peergraph query` and `peergraph schema` against the real Neo4j."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from cli import app
from core.settings import Settings, get_settings


@pytest.fixture
def cli(small_graph: Driver, settings: Settings,
        monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """A CLI runner whose settings point at the test database."""
    monkeypatch.setenv("PEERGRAPH_NEO4J_URI", settings.neo4j_uri)
    monkeypatch.setenv("PEERGRAPH_NEO4J_USER", settings.neo4j_user)
    monkeypatch.setenv("PEERGRAPH_NEO4J_PASSWORD", settings.password())
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_one_shot_query_prints_a_table(cli: CliRunner) -> None:
    result = cli.invoke(app, ["cypher", "MATCH (a:Author) RETURN a.id AS id ORDER BY id"])
    assert result.exit_code == 0, result.output
    assert "id" in result.stdout and "a1" in result.stdout and "a4" in result.stdout


def test_one_shot_csv_and_json(cli: CliRunner) -> None:
    result = cli.invoke(app, ["cypher", "UNWIND range(1, 10) AS x RETURN x",
                              "--format", "csv", "--limit", "3"])
    assert result.stdout == "x\n1\n2\n3\n"
    result = cli.invoke(app, ["cypher", "RETURN $who AS who", "--format", "json",
                              "--param", "who=\"a1\""])
    assert json.loads(result.stdout)["rows"] == [["a1"]]


def test_a_write_is_refused_with_exit_code_1(cli: CliRunner) -> None:
    result = cli.invoke(app, ["cypher", "MATCH (n) DETACH DELETE n"])
    assert result.exit_code == 1
    assert "writes to the graph" in str(result.exception) or "writes" in result.output


def test_a_value_python_cannot_hold_is_a_clear_error(cli: CliRunner) -> None:
    for fmt in ("table", "json", "csv"):
        result = cli.invoke(app, ["cypher", "RETURN date('+99999-01-01') AS far",
                                  "--format", fmt])
        assert result.exit_code == 1, (fmt, result.output)
        assert "cannot be decoded" in str(result.exception) or "cannot be decoded" in result.output


def test_the_shell_reads_multi_line_statements_from_a_pipe(cli: CliRunner) -> None:
    script = ("MATCH (a:Author)\nWHERE a.id = 'a2'\nRETURN a.name AS name;\n"
              ":format csv\nCREATE (:Hack);\nRETURN 'still here' AS s;\n:quit\n")
    result = cli.invoke(app, ["cypher"], input=script)
    assert result.exit_code == 0, result.output
    assert "Bo" in result.stdout and "s\nstill here\n" in result.stdout
    assert "writes to the graph" in result.output


def test_saved_query_with_params(cli: CliRunner) -> None:
    result = cli.invoke(app, ["query", "citations_within_group", "--param", "authors=a1,a2",
                              "-p", "limit=1", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("w1,Learning graphs,w2,")
    listing = cli.invoke(app, ["query"])
    assert "score_movers_last_run" in listing.stdout


def test_saved_query_parameter_errors(cli: CliRunner) -> None:
    result = cli.invoke(app, ["query", "top_authors_by_trust_in_topic", "-p", "limit=ten"])
    assert result.exit_code == 1
    assert "must be int" in str(result.exception)


def test_schema_command(cli: CliRunner) -> None:
    result = cli.invoke(app, ["schema", "--format", "json"])
    assert result.exit_code == 0, result.output
    model = json.loads(result.stdout)
    assert "Author" in {entry["label"] for entry in model["labels"]}


@pytest.mark.parametrize(("query", "phrase"), [
    ("RETURN " + "(" * 30_000 + "1" + ")" * 30_000, "PEERGRAPH_ANALYST_MAX_DEPTH"),
    ("RETURN 1 // " + "x" * 70_000, "PEERGRAPH_ANALYST_MAX_QUERY_BYTES"),
    ("CYPHER 5 EXPLAIN MATCH (n) RETURN n", "plan"),
])
def test_the_terminal_refuses_what_the_endpoint_refuses(cli: CliRunner, query: str,
                                                        phrase: str) -> None:
    result = cli.invoke(app, ["cypher", query])
    assert result.exit_code == 1
    assert phrase in str(result.exception)


def test_the_terminal_stops_at_the_byte_cap(cli: CliRunner,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERGRAPH_ANALYST_MAX_BYTES", "65536")
    get_settings.cache_clear()
    table = cli.invoke(app, ["cypher", "RETURN range(1, 2000000) AS big"])
    assert table.exit_code == 0, table.output
    assert "0 rows (cut at the byte cap of 65536 bytes)" in table.output
    rows = cli.invoke(app, ["cypher", "UNWIND range(1, 100000) AS x RETURN x",
                            "--format", "csv", "--limit", "100000"])
    assert rows.stdout.endswith("# truncated: the answer reached its byte cap of 65536 bytes "
                                "(PEERGRAPH_ANALYST_MAX_BYTES)\n")
    assert len(rows.stdout.encode()) <= 65_536
    answer = json.loads(cli.invoke(app, ["cypher", "UNWIND range(1, 100000) AS x RETURN x",
                                         "--format", "json", "--limit", "100000"]).stdout)
    assert answer["truncated_reason"] == "bytes" and 0 < answer["row_count"] < 100_000


def test_the_terminal_keeps_the_wall_clock(cli: CliRunner) -> None:
    began = time.monotonic()
    result = cli.invoke(app, ["cypher", "RETURN reduce(s = 0, x IN range(1, 100000000) | s + x)",
                              "--timeout-ms", "500"])
    assert result.exit_code == 1
    assert "time limit of 0.5 s" in str(result.exception)
    assert time.monotonic() - began < 3  # the answer at 0.5 s, and the query cut loose


def test_an_empty_answer_says_what_it_was_asked(cli: CliRunner) -> None:
    result = cli.invoke(app, ["query", "collaborators_of_collaborators", "-p", "author=nobody",
                              "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "0 rows in" in result.stdout
    assert 'No rows for author = "nobody", min_shared_works = 1, limit = 25.' in result.stdout


def test_piped_output_is_json_lines_with_the_summary_on_stderr(cli: CliRunner) -> None:
    result = cli.invoke(app, ["cypher", "MATCH (a:Author) RETURN a, a.id AS id ORDER BY id"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["id"] for row in rows] == ["a1", "a2", "a3", "a4"]
    assert rows[0]["a"]["kind"] == "node" and "4 rows in" in result.stderr
