"""Emptying the graph (tests' setup, `peergraph db wipe`, the benches) in bounded
transactions, also when one node has far more edges than a batch holds."""

from neo4j import Driver

from core.db import count_graph, delete_everything
from core.settings import Settings


def test_a_hub_with_more_edges_than_a_batch_is_wiped_in_bounded_transactions(
        driver: Driver, settings: Settings) -> None:
    driver.execute_query("CREATE (hub:Author {id: 'hub'}) WITH hub "
                         "UNWIND range(1, 5000) AS n "
                         "CREATE (hub)-[:AUTHORED {position: n}]->(:Work {id: 'w' + n})")
    nodes, edges = count_graph(driver, settings.neo4j_database)
    assert edges == 5000
    assert delete_everything(driver, settings.neo4j_database, batch=500) == nodes
    assert count_graph(driver, settings.neo4j_database) == (0, 0)
