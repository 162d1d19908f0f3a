"""Edges of works created in this transaction are CREATEd, once per edge; the rest MERGEd."""

from __future__ import annotations

from loaders.fresh import fresh_only, split_edges
from loaders.graph_rows import GraphRows, node_row, work_keys


def _batch() -> GraphRows:
    rows = GraphRows()
    rows.works = [node_row("W1"), node_row("W2"), node_row("W2"), node_row("W3")]
    rows.authorships = [
        {"author_id": "A1", "work_id": "W1", "position": 0, "raw_affiliation": None},
        {"author_id": "A1", "work_id": "W1", "position": 3, "raw_affiliation": "x"},
        {"author_id": "A2", "work_id": "W2", "position": 0, "raw_affiliation": None},
        {"author_id": "A2", "work_id": "W3", "position": 0, "raw_affiliation": None}]
    rows.cites = [{"work_id": "W1", "cited_id": "W9"}, {"work_id": "W3", "cited_id": "W1"}]
    rows.published_in = [{"work_id": "W1", "venue_id": "V1"}]
    return rows


def test_a_work_sent_twice_in_a_batch_is_never_fresh() -> None:
    assert fresh_only(_batch(), {"W1", "W2"}) == {"W1"}


def test_fresh_works_edges_are_created_once_each_and_the_last_row_wins() -> None:
    rows = _batch()
    create, merge = split_edges(rows, {"W1"})
    assert create["authorships"] == [
        {"author_id": "A1", "work_id": "W1", "position": 3, "raw_affiliation": "x"}]
    assert [r["work_id"] for r in merge["authorships"]] == ["W2", "W3"]
    assert create["cites"] == [{"work_id": "W1", "cited_id": "W9"}]
    assert merge["cites"] == [{"work_id": "W3", "cited_id": "W1"}]
    assert (create["published_in"], merge["published_in"]) == (
        [{"work_id": "W1", "venue_id": "V1"}], [])
    assert create["about"] == merge["about"] == []


def test_splitting_leaves_the_batch_as_it_was_for_a_retried_transaction() -> None:
    rows = _batch()
    before = (list(rows.authorships), list(rows.cites), list(rows.published_in))
    split_edges(rows, {"W1", "W3"})
    assert (rows.authorships, rows.cites, rows.published_in) == before


def test_works_and_the_works_they_cite_are_locked_in_one_sorted_pass() -> None:
    rows = _batch()
    rows.works = [node_row("W3", title="third"), node_row("W1", title="a"),
                  node_row("W1", title="b")]
    rows.cites += [{"work_id": "W3", "cited_id": "W0"}, {"work_id": "W1", "cited_id": "W0"}]
    # W1 is loaded here, so only W0 and W9 are stubs; W1's two records become one, the later
    # over the earlier, as two loads would make them (merge_works checks both before either
    # is written, so it cannot tell them apart).
    assert work_keys(rows) == [{"id": "W0", "props": None}, node_row("W1", title="b"),
                               node_row("W3", title="third"), {"id": "W9", "props": None}]
