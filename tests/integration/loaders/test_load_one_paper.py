"""One node per real-world paper (issue 18, item 2): the same paper's OpenAlex work, arXiv
record and S2AG paper (tests/fixtures/loaders/trio/, README there says how it was made)
loaded in all six orders give one work and the same graph every time, with each source's
id resolvable and the field precedence of loaders/precedence.py."""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

import pytest
from loaders_helpers import FIXTURES, Snapshot, count, graph_snapshot, snapshot_diff
from neo4j import Driver

from core.db import apply_schema, delete_everything
from core.graph import Graph
from core.settings import Settings
from loaders.arxiv import load_arxiv
from loaders.openalex import load_openalex
from loaders.pipeline import LoadOptions
from loaders.s2ag import load_s2ag
from service.repository.resolve import resolve

TRIO = FIXTURES / "trio"
OPENALEX_ID, ARXIV_ID, S2_ID = "W5000000001", "arxiv:0704.0001", "s2:5000000001"
CITING = "s2:223403092"  # the S2 paper whose citation of the trio is in citations/


def _load(source: str, driver: Driver, settings: Settings, state: Path) -> None:
    options = LoadOptions(state_dir=state, progress=False)
    loader = {"openalex": lambda: load_openalex(driver, settings.neo4j_database,
                                                TRIO / "openalex.jsonl", options),
              "arxiv": lambda: load_arxiv(driver, settings.neo4j_database,
                                          TRIO / "arxiv.jsonl", options),
              "s2ag": lambda: load_s2ag(driver, settings.neo4j_database, TRIO / "s2ag",
                                        options)}[source]
    assert loader().status == "completed"


def _graph_in_order(order: tuple[str, ...], driver: Driver, settings: Settings,
                    tmp_path: Path) -> Snapshot:
    delete_everything(driver, settings.neo4j_database)
    apply_schema(driver, settings.neo4j_database)
    for source in order:
        _load(source, driver, settings, tmp_path / "-".join(order))
    return graph_snapshot(driver)


@pytest.fixture(scope="module")
def orders(session_driver: Driver, settings: Settings,
           tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, ...], Snapshot]:
    """The graph after each of the six load orders (the last one stays loaded)."""
    tmp = tmp_path_factory.mktemp("trio")
    return {order: _graph_in_order(order, session_driver, settings, tmp)
            for order in permutations(("openalex", "arxiv", "s2ag"))}


def test_every_order_gives_the_same_graph(orders: dict[tuple[str, ...], Snapshot]) -> None:
    first, *rest = orders.items()
    for order, snapshot in rest:
        assert snapshot == first[1], (order, first[0], snapshot_diff(snapshot, first[1]))


def test_the_paper_is_one_node_with_every_source(orders: dict[tuple[str, ...], Snapshot],
                                                 session_driver: Driver,
                                                 settings: Settings) -> None:
    records, _, _ = session_driver.execute_query(
        "MATCH (w:Work) WHERE w.doi = '10.1103/physrevd.76.013009' RETURN w {.*} AS w")
    assert len(records) == 1
    work = records[0]["w"]
    assert work["id"] == OPENALEX_ID and work["sources"] == ["openalex", "s2ag", "arxiv"]
    assert (work["openalex_id"], work["arxiv_id"], work["s2_corpus_id"], work["mag_id"]) == (
        OPENALEX_ID, "0704.0001", 5000000001, "5000000001")
    # precedence: OpenAlex's title and type, arXiv's abstract, each marked where not OpenAlex's
    assert work["title"].startswith("Calculation of prompt diphoton production cross "
                                    "sections at Tevatron and LHC")
    assert (work["type"], work["abstract_from"]) == ("journal-article", "arxiv")
    assert work["abstract"].endswith("judicious selection of events.")
    assert "title_from" not in work
    # each source's byline and the S2 citation reach the one node
    authored = count(session_driver, "MATCH (:Author)-[:AUTHORED]->(:Work {id: $id}) "
                     "RETURN count(*)", id=OPENALEX_ID)
    assert authored == 11  # E. L. Berger is one node: OpenAlex's and S2's share an ORCID
    assert count(session_driver, "MATCH (:Work {id: $a})-[:CITES]->(:Work {id: $b}) "
                 "RETURN count(*)", a=CITING, b=OPENALEX_ID) == 1
    assert count(session_driver, "MATCH (w:Work) WHERE w.id IN $ids RETURN count(w)",
                 ids=[ARXIV_ID, S2_ID]) == 0
    graph = Graph(session_driver, settings.neo4j_database)
    for given in (OPENALEX_ID, ARXIV_ID, S2_ID, "arxiv:0704.0001v2",
                  "doi:10.1103/PhysRevD.76.013009", "mag:5000000001"):
        assert resolve(graph, given, ("Work",)) == (OPENALEX_ID, "Work"), given


def test_authors_merge_on_orcid_only(orders: dict[tuple[str, ...], Snapshot],
                                     session_driver: Driver, settings: Settings) -> None:
    records, _, _ = session_driver.execute_query(
        "MATCH (a:Author {orcid: '0000-0002-9346-1234'}) RETURN a {.*} AS a")
    assert len(records) == 1
    berger = records[0]["a"]
    assert (berger["id"], berger["sources"], berger["s2_id"], berger["h_index"]) == (
        "A5000000002", ["openalex", "s2ag"], "5000000012", 2)
    graph = Graph(session_driver, settings.neo4j_database)
    assert resolve(graph, "s2:5000000012", ("Author",)) == ("A5000000002", "Author")
    # the same name alone merges nothing: three sources' C. Balázs stay three nodes
    assert count(session_driver, "MATCH (a:Author) WHERE a.name = 'C. Balázs' "
                 "RETURN count(a)") == 3


def test_a_reload_changes_nothing(orders: dict[tuple[str, ...], Snapshot],
                                  session_driver: Driver, settings: Settings,
                                  tmp_path: Path) -> None:
    before = graph_snapshot(session_driver)
    for source in ("arxiv", "s2ag", "openalex"):
        _load(source, session_driver, settings, tmp_path)
    assert graph_snapshot(session_driver) == before
    delete_everything(session_driver, settings.neo4j_database)
