"""Every query file (cypher/ and bench/cypher/) compiles against the real Neo4j; the schema
applies idempotently."""

import pytest
from neo4j import Driver

import cypher
from bench.common import BENCH_CYPHER, bench_query
from core.db import apply_schema, count_graph, schema_version
from core.settings import Settings

QUERY_NAMES = [name for name in cypher.names() if not name.startswith("schema/")]
BENCH_NAMES = cypher.names(root=BENCH_CYPHER)


def _explain(driver: Driver, text: str) -> None:
    with driver.session() as session:
        # EXPLAIN plans without running; parameters need not be given.
        summary = session.run("EXPLAIN " + text).consume()  # type: ignore[operator]
    assert summary.plan is not None


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_explain_every_query_file(driver: Driver, name: str) -> None:
    _explain(driver, cypher.query(name))


@pytest.mark.parametrize("name", BENCH_NAMES)
def test_explain_every_bench_query_file(driver: Driver, name: str) -> None:
    _explain(driver, bench_query(name))


def test_schema_applies_twice_and_records_its_version(driver: Driver, settings: Settings) -> None:
    before = count_graph(driver, settings.neo4j_database)
    apply_schema(driver, settings.neo4j_database)
    assert count_graph(driver, settings.neo4j_database) == before
    assert schema_version(driver, settings.neo4j_database) == "1"
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD labelsOrTypes AS labels "
                                         "RETURN labels")
    labels = {r["labels"][0] for r in records}
    assert {"Author", "Work", "Topic", "Institution", "Venue", "User"} <= labels
    records, _, _ = driver.execute_query("SHOW FULLTEXT INDEXES YIELD name RETURN name")
    assert {"author_names", "work_text"} <= {r["name"] for r in records}
