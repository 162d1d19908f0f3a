"""Impact from the graph and the integrity signal (issue 19, items 1 and 2) on a real
Neo4j: self-citations do not make an h-index, a citation-stacking ring is penalised where a
dense field is not, and a Retraction Watch notice lowers its authors' scores."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from citation_graphs import FIELD_H, CitationGraph, fields_with_a_ring
from fastapi.testclient import TestClient
from neo4j import Driver

from core.settings import Settings
from loaders.pipeline import LoadOptions
from loaders.retractions import load_retractions
from scoring.run import RunOptions, rescore

RW_CSV = (Path(__file__).resolve().parents[2] / "fixtures" / "loaders" / "retractions"
          / "retraction_watch.csv")


def _scores(driver: Driver) -> dict[str, dict[str, Any]]:
    records, _, _ = driver.execute_query(
        "MATCH (a:Author) RETURN a.id AS id, a.trust_score AS score, "
        "a.trust_breakdown AS breakdown")
    return {r["id"]: {"score": r["score"], "breakdown": json.loads(r["breakdown"])}
            for r in records}


def _adds_up(scores: dict[str, dict[str, Any]]) -> None:
    for value in scores.values():
        assert sum(s["contribution"] for s in value["breakdown"].values()) == value["score"]


def test_an_h_index_resting_on_self_citations_scores_below_independent_citations(
        driver: Driver, settings: Settings, client: TestClient) -> None:
    graph = CitationGraph(random.Random(5))
    for author in ("selfie", "indie", *(f"citer{i}" for i in range(6))):
        graph.author(author)
    for k in range(6):  # the same output, year by year
        for author in ("selfie", "indie"):
            graph.work(f"{author}-w{k}", [author], 2018 + k, FIELD_H[0])
    for k in range(6):  # each of selfie's works cites all of selfie's earlier ones
        for j in range(k):
            graph.cite(f"selfie-w{k}", f"selfie-w{j}")
    for i in range(6):  # six other researchers cite indie's works as much
        graph.work(f"citer{i}-w", [f"citer{i}"], 2023, FIELD_H[0])
        for j in range(5 - i):
            graph.cite(f"citer{i}-w", f"indie-w{j}")
    graph.write(driver, settings.neo4j_database)
    rescore(driver, settings.neo4j_database, RunOptions(full=True))
    scores = _scores(driver)
    selfie, indie = scores["selfie"]["breakdown"], scores["indie"]["breakdown"]
    assert selfie["impact"]["raw"]["graph"] == {
        "citations": 15, "self_citations": 15, "collaborator_citations": 0, "h_index": 3,
        "h_index_without_self_citations": 0, "h_index_discounted": 0.0}
    assert indie["impact"]["raw"]["graph"]["citations"] == 15
    assert indie["impact"]["raw"]["graph"]["h_index_discounted"] == 3.0
    assert selfie["impact"]["contribution"] == 0 < indie["impact"]["contribution"]
    assert selfie["integrity"]["raw"]["reasons"] == [
        "h-index 3 from the citations in the graph, 0 without self-citations: it rests on them"]
    assert indie["integrity"]["raw"]["reasons"] == []
    for signal in ("publication", "network", "identity", "community"):
        assert selfie[signal] == indie[signal]
    assert scores["selfie"]["score"] < scores["indie"]["score"]
    _adds_up(scores)
    page = client.get("/authors/selfie").text
    assert ("Cited 15 times by works in Peergraph (h-index 3), of which 15 self-citations "
            "(not counted) and 0 by close collaborators (counted half).") in page


def test_a_stacking_ring_is_penalised_and_a_dense_field_is_not(
        driver: Driver, settings: Settings) -> None:
    graph = CitationGraph(random.Random(11))
    fields_with_a_ring(graph)
    graph.write(driver, settings.neo4j_database)
    rescore(driver, settings.neo4j_database, RunOptions(full=True))
    scores = _scores(driver)
    _adds_up(scores)
    for author, value in scores.items():
        integrity = value["breakdown"]["integrity"]
        block = integrity["raw"]["citation_stacking"]
        if author.startswith("ring"):
            assert block["size"] == 10 and block["excess_ratio"] >= 3, author
            assert integrity["contribution"] <= -10, author
            reason = integrity["raw"]["reasons"][0]
            assert reason.startswith("In a group of 10 authors who cite each other "), reason
            assert f"({block['citations_among']:.0f} citations among them" in reason
        else:
            assert block is None, (author, block)
    dense = [v["breakdown"]["impact"]["contribution"] for k, v in scores.items()
             if k.startswith("dense")]
    assert min(dense) > 0  # their citations count: their topic is theirs alone
    # Nothing changed: an incremental run finds no author whose figures moved.
    again = rescore(driver, settings.neo4j_database)
    assert (again.mode, again.stats.get("scores_changed", 0), again.stats["moved"]) == (
        "incremental", 0, 0)


def test_a_retraction_lowers_its_authors_scores_and_the_reason_names_it(
        driver: Driver, settings: Settings, tmp_path: Path, client: TestClient) -> None:
    graph = CitationGraph(random.Random(2))
    for author in ("ana", "bob", "cleo"):
        graph.author(author)
    # ana-w0 has the DOI of the fixture's first notice (a retraction dated 3/14/2023), in
    # the capitalisation the notice does not use.
    graph.work("ana-w0", ["ana", "bob"], 2021, FIELD_H[0], doi="10.5555/pg.retract.2021")
    for k in range(1, 6):
        graph.work(f"ana-w{k}", ["ana"], 2018 + k, FIELD_H[0])
        graph.work(f"cleo-w{k}", ["cleo"], 2018 + k, FIELD_H[0])
    graph.write(driver, settings.neo4j_database)
    rescore(driver, settings.neo4j_database, RunOptions(full=True))
    before = _scores(driver)
    load_retractions(driver, settings.neo4j_database, RW_CSV,
                     LoadOptions(state_dir=tmp_path, progress=False))
    run = rescore(driver, settings.neo4j_database)  # incremental: the work changed
    after = _scores(driver)
    assert run.mode == "incremental"
    for author in ("ana", "bob"):
        integrity = after[author]["breakdown"]["integrity"]
        assert after[author]["score"] < before[author]["score"], author
        assert integrity["raw"]["reasons"] == ["1 work retracted (2023): ana-w0"]
        assert integrity["raw"]["notices"]["retracted"] == ["ana-w0"]
        assert integrity["contribution"] < 0
    assert after["cleo"] == before["cleo"]
    _adds_up(after)
    page = client.get("/authors/bob").text
    title = driver.execute_query("MATCH (w:Work {id: 'ana-w0'}) RETURN w.title AS t"
                                 ).records[0]["t"]
    assert title and f"1 work retracted (2023): “{title}”." in page  # named by its title
    assert ">Integrity<" in page
