"""An S2AG diff deleting a paper folded into another source's work (one node per paper, issue
18): only S2's part goes (its id and alias, 's2ag' from sources, its fields, byline, fields
of study and venue) and the node is what the other sources alone make; a paper only S2 has
goes with its edges. Over the trio of one paper in three sources
(tests/fixtures/loaders/trio/), its S2 paper and the S2 paper citing it deleted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from loaders_helpers import FIXTURES, count
from neo4j import Driver

from core.db import apply_schema, delete_everything
from core.settings import Settings
from loaders.arxiv import load_arxiv
from loaders.openalex import load_openalex
from loaders.pipeline import LoadOptions
from loaders.s2ag import load_s2ag, load_s2ag_diff

TRIO = FIXTURES / "trio"
S2_PAPER, CITING = 5000000001, 223403092  # the trio's S2 paper, and the S2 paper citing it


def _load(driver: Driver, settings: Settings, state: Path, sources: tuple[str, ...]) -> None:
    delete_everything(driver, settings.neo4j_database)
    apply_schema(driver, settings.neo4j_database)
    options = LoadOptions(state_dir=state, progress=False)
    for source in sources:
        load, path = {"openalex": (load_openalex, TRIO / "openalex.jsonl"),
                      "arxiv": (load_arxiv, TRIO / "arxiv.jsonl"),
                      "s2ag": (load_s2ag, TRIO / "s2ag")}[source]
        assert load(driver, settings.neo4j_database, path, options).status == "completed"


def _delete_papers(driver: Driver, settings: Settings, tmp_path: Path, *ids: int) -> None:
    _delete(driver, settings, tmp_path, "papers", [{"corpusid": i} for i in ids])


def _delete(driver: Driver, settings: Settings, tmp_path: Path, dataset: str,
            records: list[dict[str, Any]]) -> None:
    diff = tmp_path / "diff" / "deletes" / dataset / "part-0"
    diff.parent.mkdir(parents=True)
    diff.write_text("".join(json.dumps(record) + "\n" for record in records))
    options = LoadOptions(state_dir=tmp_path / "diff-state", progress=False)
    summary = load_s2ag_diff(driver, settings.neo4j_database, tmp_path / "diff", options)
    assert (summary.status, summary.rejected) == ("completed", 0)


def _work(driver: Driver, work_id: str) -> tuple[list[Any], list[Any]]:
    """A work's properties (timestamps left out) and its edges to non-S2 nodes."""
    records, _, _ = driver.execute_query(
        "MATCH (w:Work {id: $id}) RETURN [k IN keys(w) WHERE k <> 'changed_at' | "
        "[k, w[k]]] AS props, COLLECT { MATCH (w)-[r]-(o) WHERE NOT o.id STARTS WITH 's2:' "
        "RETURN [type(r), o.id, properties(r)] } AS edges", id=work_id)
    assert len(records) == 1, f"{work_id} is not one node"
    return sorted(map(repr, records[0]["props"])), sorted(map(repr, records[0]["edges"]))


def test_deleting_a_folded_s2_paper_leaves_the_other_sources_work(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    _load(driver, settings, tmp_path / "two", ("openalex", "arxiv"))
    without_s2 = _work(driver, "W5000000001")
    _load(driver, settings, tmp_path / "three", ("openalex", "arxiv", "s2ag"))
    _delete_papers(driver, settings, tmp_path, S2_PAPER, CITING)
    assert _work(driver, "W5000000001") == without_s2
    assert count(driver, "MATCH (:Work {id: 'W5000000001'})-[r]-(o) "
                         "WHERE o.id STARTS WITH 's2:' RETURN count(r)") == 0  # byline, fields
    for gone in (f"work:s2:{S2_PAPER}", f"work:s2:{CITING}"):
        assert count(driver, "MATCH (al:Alias {id: $id}) RETURN count(al)", id=gone) == 0
    assert count(driver, "MATCH (w:Work) WHERE w.id STARTS WITH 's2:' RETURN count(w)") == 0
    assert count(driver, "MATCH (:Work)-[r:CITES]->(:Work {id: 'W5000000001'}) "
                         "RETURN count(r)") == 0  # the S2-only citing paper went with it


def test_deleting_the_s2_paper_a_node_is_named_by_hands_it_to_the_next_source(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    _load(driver, settings, tmp_path / "one", ("arxiv",))
    arxiv_only = _work(driver, "arxiv:0704.0001")
    _load(driver, settings, tmp_path / "two", ("arxiv", "s2ag"))
    assert count(driver, "MATCH (w:Work {id: $id}) RETURN count(w)", id=f"s2:{S2_PAPER}") == 1
    _delete_papers(driver, settings, tmp_path, S2_PAPER)
    assert count(driver, "MATCH (w:Work {id: 'arxiv:0704.0001', source: 'arxiv'}) "
                         "WHERE w.sources = ['arxiv'] AND w.s2_corpus_id IS NULL "
                         "AND w.title IS NULL RETURN count(w)") == 1  # S2's title outranked
    assert count(driver, "MATCH (al:Alias)-[:ALIAS_OF]->(:Work) RETURN count(al)") == 0
    # the fold kept S2's values where they outranked arXiv's: arXiv's next record fills them
    options = LoadOptions(state_dir=tmp_path / "again", progress=False)
    load_arxiv(driver, settings.neo4j_database, TRIO / "arxiv.jsonl", options)
    assert _work(driver, "arxiv:0704.0001") == arxiv_only


def test_deleted_s2_citation_and_abstract_reach_the_folded_paper(
        driver: Driver, settings: Settings, tmp_path: Path) -> None:
    _load(driver, settings, tmp_path / "three", ("openalex", "arxiv", "s2ag"))
    cited = "MATCH (:Work {id: 's2:223403092'})-[r:CITES]->(:Work {id: 'W5000000001'}) "
    assert count(driver, cited + "RETURN count(r)") == 1
    abstract = _work(driver, "W5000000001")[0]
    _delete(driver, settings, tmp_path / "cites", "citations", [
        {"citingcorpusid": str(CITING), "citedcorpusid": str(S2_PAPER)}])
    assert count(driver, cited + "RETURN count(r)") == 0  # named by its S2 id, it reached
    _delete(driver, settings, tmp_path / "abstracts", "abstracts", [{"corpusid": S2_PAPER}])
    assert _work(driver, "W5000000001")[0] == abstract  # arXiv's abstract outranks S2's: kept
