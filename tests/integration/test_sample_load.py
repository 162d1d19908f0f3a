"""The bundled sample loads into the real Neo4j exactly, and loading it twice changes nothing."""

from neo4j import Driver

from core.settings import Settings
from loaders.sample import load_sample


def _works_of(driver: Driver, author_id: str) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (:Author {id: $id})-[:AUTHORED]->(w:Work) RETURN count(w) AS n", id=author_id)
    return int(records[0]["n"])


def test_sample_graph_has_the_seed_counts(driver: Driver, settings: Settings) -> None:
    load_sample(driver, settings.neo4j_database)
    records, _, _ = driver.execute_query(
        "MATCH (w:Work) WITH count(w) AS works MATCH (a:Author) RETURN works, count(a) AS authors")
    assert (records[0]["works"], records[0]["authors"]) == (89, 5)
    assert _works_of(driver, "researcher0") == 65
    records, _, _ = driver.execute_query(
        "MATCH (r0:Author {id: 'researcher0'})-[:AUTHORED]->(w)<-[:AUTHORED]-(c:Author) "
        "RETURN c.id AS id, count(w) AS shared ORDER BY id")
    assert [(r["id"], r["shared"]) for r in records] == [
        ("researcher1", 7), ("researcher2", 2), ("researcher3", 3), ("researcher4", 4)]


def _graph_without_load_runs(driver: Driver) -> tuple[int, int]:
    """(nodes, relationships), leaving out the (:LoadRun) record each load adds."""
    records, _, _ = driver.execute_query(
        "MATCH (n) WHERE NOT n:LoadRun WITH count(n) AS nodes "
        "MATCH ()-[r]->() RETURN nodes, count(r) AS rels")
    return int(records[0]["nodes"]), int(records[0]["rels"])


def test_loading_twice_changes_nothing(driver: Driver, settings: Settings) -> None:
    load_sample(driver, settings.neo4j_database)
    before = _graph_without_load_runs(driver)
    second = load_sample(driver, settings.neo4j_database)
    assert _graph_without_load_runs(driver) == before
    assert second["authors"] == 0 and second["works"] == 0
