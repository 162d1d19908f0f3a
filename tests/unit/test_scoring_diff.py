"""Only differences are written: new pairs created, changed ones updated, vanished deleted."""

import numpy as np

from scoring.collaboration import Collaborations
from scoring.diff import diff_pairs, score_hash, topics_differ


def _pairs(rows: list[tuple[int, int, int, float, float]]) -> Collaborations:
    table = np.array(rows, dtype=np.float64).reshape(-1, 5)
    return Collaborations(table[:, 0].astype(np.int64), table[:, 1].astype(np.int64),
                          table[:, 2].astype(np.int64), table[:, 3], table[:, 4])


def test_pairs_are_created_updated_or_deleted() -> None:
    stored = _pairs([(0, 1, 2, 2020, 1.5), (0, 2, 1, np.nan, 1.0), (1, 2, 1, 2021, 0.5)])
    new = _pairs([(0, 1, 2, 2020, 1.5), (0, 2, 1, 2019, 1.0), (2, 3, 1, 2022, 1.0)])
    create, update, delete = diff_pairs(stored, new, 4, np.ones(3, dtype=bool))
    assert create.tolist() == [False, False, True]
    assert update.tolist() == [False, True, False]  # last_year appeared
    assert delete.tolist() == [False, False, True]
    _, _, delete = diff_pairs(stored, new, 4, np.array([True, True, False]))
    assert not delete.any()  # out of scope: an incremental run did not recompute it


def test_nothing_stored_means_everything_is_created() -> None:
    create, update, delete = diff_pairs(_pairs([]), _pairs([(0, 1, 1, 2020, 1.0)]), 2,
                                        np.zeros(0, dtype=bool))
    assert create.tolist() == [True] and not update.any() and len(delete) == 0


def test_topic_lists_compare_as_sets_of_rounded_scores() -> None:
    a = [{"id": "peergraph:1", "score": 0.51234}, {"id": "peergraph:2", "score": 0.3}]
    b = [{"id": "peergraph:2", "score": 0.3}, {"id": "peergraph:1", "score": 0.51231}]
    assert not topics_differ(a, b)
    assert topics_differ(a, b[:1])


def test_the_score_hash_covers_what_readers_see() -> None:
    row = {"value": 23, "band": "Emerging", "breakdown": "{}", "verification_level": "L1",
           "verification_label": "Record-matched", "verification_reasons": ["x"],
           "network_trust": 0.1}
    assert score_hash(row, "v1") == score_hash({**row, "network_trust": 0.2}, "v1")
    assert score_hash(row, "v1") != score_hash({**row, "value": 24}, "v1")
    assert score_hash(row, "v1") != score_hash(row, "v2")
