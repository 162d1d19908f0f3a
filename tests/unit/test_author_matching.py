"""Authors fold into one node only on an ORCID iD across sources (loaders/author_matching.py)."""

from __future__ import annotations

from loaders.author_matching import author_fold

OPENALEX = {"id": "A1", "name": "E. L. Berger", "orcid": "0000-0002-9346-1234",
            "source": "openalex"}
S2 = {"id": "s2:12", "name": "E. Berger", "orcid": "0000-0002-9346-1234", "h_index": 2,
      "source": "s2ag"}


def test_the_best_source_survives_and_gaps_fill_from_the_other() -> None:
    for nodes in ([OPENALEX, S2], [S2, OPENALEX]):
        fold = author_fold(None, nodes)
        assert fold == {"id": "A1", "folded": ["s2:12"],
                        "props": {**S2, **OPENALEX, "sources": ["openalex", "s2ag"]}}


def test_one_source_s_two_records_with_one_orcid_stay_apart() -> None:
    assert author_fold(None, [OPENALEX, {**OPENALEX, "id": "A2"}]) is None


def test_a_node_made_again_under_a_folded_id_joins_its_survivor() -> None:
    fold = author_fold({**OPENALEX, "sources": ["openalex", "s2ag"]}, [{"id": "s2:12",
                                                                      "name": "E. Berger"}])
    assert fold is not None and (fold["id"], fold["folded"]) == ("A1", ["s2:12"])
    assert fold["props"]["name"] == "E. L. Berger"
