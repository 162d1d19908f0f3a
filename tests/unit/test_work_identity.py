"""One node per paper, the pure part: which stored works a record joins, the joined node's
id and its fields by the precedence table, in any order (loaders/work_identity.py)."""

from __future__ import annotations

from itertools import permutations
from typing import Any

from loaders import fields as f
from loaders.precedence import FIELD_PRECEDENCE, SOURCE_ORDER, outranking, ranking
from loaders.work_identity import Node, merged_props, plan_fold, record_source

OPENALEX = {"id": "W1", "props": {"title": "Published title", "doi": "10.1/x", "year": 2007,
                                  "openalex_id": "W1", "mag_id": "9", "source": "openalex",
                                  "sources": ["openalex"]}}
ARXIV = {"id": "arxiv:0704.0001", "props": {"title": "Preprint title", "abstract": "Own words",
                                            "doi": "10.1/x", "year": 2006, "type": "preprint",
                                            "arxiv_id": "0704.0001", "source": "arxiv",
                                            "sources": ["arxiv"]}}
S2 = {"id": "s2:5", "props": {"title": "S2 title", "arxiv_id": "0704.0001", "mag_id": "9",
                              "s2_corpus_id": 5, "source": "s2ag", "sources": ["s2ag"]}}


def _stored(row: dict[str, Any]) -> Node:
    return {"id": row["id"], **row["props"]}


def _load(order: tuple[dict[str, Any], ...]) -> dict[str, Any]:
    """The node the records make loaded one after another (each meets what is stored)."""
    stored: list[Node] = []
    for row in order:
        fold = plan_fold(row, row["props"]["source"], stored, set())
        if fold is None:
            stored.append(_stored(row))
        else:
            gone = {fold.id, *fold.folded}
            stored = [n for n in stored if n["id"] not in gone] + [fold.props]
    assert len(stored) == 1
    return stored[0]


def test_every_order_makes_the_same_node() -> None:
    nodes = [_load(order) for order in permutations((OPENALEX, ARXIV, S2))]
    assert all(node == nodes[0] for node in nodes)
    node = nodes[0]
    assert (node["id"], node["source"], node["sources"]) == ("W1", "openalex",
                                                             ["openalex", "s2ag", "arxiv"])
    assert (node["title"], node["year"], node["abstract"], node["abstract_from"]) == (
        "Published title", 2007, "Own words", "arxiv")
    assert (node["type"], node["type_from"]) == ("preprint", "arxiv")  # the only one given
    assert (node["arxiv_id"], node["arxiv_id_from"]) == ("0704.0001", "arxiv")


def test_a_source_s_own_duplicate_stays_apart() -> None:
    twin = {"id": "W2", "props": {**OPENALEX["props"], "openalex_id": "W2"}}
    assert plan_fold(twin, "openalex", [_stored(OPENALEX)], set()) is None


def test_the_best_record_names_the_node_without_openalex() -> None:
    fold = plan_fold(ARXIV, "arxiv", [_stored(S2)], set())
    assert fold is not None
    assert (fold.id, fold.folded, fold.aliases) == ("s2:5", [], ["arxiv:0704.0001"])
    assert (fold.props["title"], fold.props["abstract_from"]) == ("S2 title", "arxiv")
    assert "title_from" not in fold.props


def test_an_older_record_of_the_same_source_does_not_win() -> None:
    node = merged_props([{"id": "W1", "title": "New", "updated_date": "2024-01-01",
                          "source": "openalex", "sources": ["openalex", "arxiv"]}],
                        {"title": "Old", "updated_date": "2001-01-01"}, "openalex")
    assert node["title"] == "New"


def test_the_table_ranks_every_source_for_every_field() -> None:
    for field in FIELD_PRECEDENCE:
        assert sorted(ranking(field)) == sorted(SOURCE_ORDER)
    assert outranking("abstract", "s2ag") == ["arxiv"]
    assert outranking("title", "openalex") == []


def test_record_sources_and_source_numbers() -> None:
    assert [record_source(i) for i in ("W12", "arxiv:0704.0001", "s2:5", "sample:w1")] == [
        "openalex", "arxiv", "s2ag", None]
    assert [f.source_number(v) for v in (2100301546, "https://pubmed.ncbi.nlm.nih.gov/08232800",
                                         "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC301",
                                         None, "x")] == ["2100301546", "8232800", "301", None,
                                                         None]
