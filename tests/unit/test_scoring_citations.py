"""Impact from the graph and citation stacking (issue 19, items 1 and 2), on hand-made
arrays: self- and collaborator citations counted apart, the h-index they leave, a planted
ring flagged while a dense field whose citations follow its topics is not."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from scoring import graph_features, integrity
from scoring.citations import citation_edges, close_matrix, graph_impact, h_index, work_authors

NONE = (np.zeros(0, np.int32), np.zeros(0, np.int32))


def test_h_index_per_author() -> None:
    authors = np.array([0, 0, 0, 0, 1, 1, 2])
    values = np.array([10.0, 3, 3, 1, 0, 0, 1])
    assert h_index(authors, values, 4).tolist() == [3, 0, 1, 0]


def test_self_and_collaborator_citations_are_counted_apart() -> None:
    # Works: 0 by a+b, 1 by a, 2 by c (b's close collaborator), 3 by d (a stranger).
    author_idx = np.array([0, 1, 0, 2, 3])
    work_idx = np.array([0, 0, 1, 2, 3])
    by_work = work_authors(author_idx, work_idx, 4, 4)
    citing, cited = np.array([1, 2, 3, 3]), np.array([0, 0, 0, 0])  # 3 -> 0 twice: once
    edges = citation_edges(citing, cited, by_work)
    assert edges.self_citation.tolist() == [True, False, False]
    impact = graph_impact(author_idx, work_idx, by_work, edges,
                          close_matrix(np.array([1]), np.array([2]), 4))
    assert impact.citations[:2].tolist() == [3, 3]
    assert impact.self_citations[:2].tolist() == [1, 1]
    # c is b's collaborator, not a's: for b the citation counts half, for a in full.
    assert impact.collaborator_citations[:2].tolist() == [0, 1]
    assert impact.discounted[:2].tolist() == [2.0, 1.5]


def _field(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                               np.ndarray, sp.csr_matrix]:
    """40 authors of field F citing by sub-topic, a ring of 10 inside F citing only each
    other, and a dense field G of 10 citing each other by sub-topic (5 works each)."""
    owner = np.repeat(np.arange(60), 5)
    topic = np.where(owner < 50, rng.integers(0, 5, 300), 5 + rng.integers(0, 2, 300))
    citing, cited = [], []
    for w in range(300):
        a = owner[w]
        if 40 <= a < 50:
            pool = np.flatnonzero((owner >= 40) & (owner < 50) & (owner != a))
        elif a >= 50:
            pool = np.flatnonzero((owner >= 50) & (topic == topic[w]) & (owner != a))
        else:
            pool = np.flatnonzero((owner < 50) & (topic == topic[w]) & (owner != a))
        for target in rng.choice(pool, min(6 if a >= 40 else 4, len(pool)), replace=False):
            citing.append(w)
            cited.append(target)
    work_topics = sp.csr_matrix((np.ones(300), (np.arange(300), topic)), shape=(300, 7))
    return owner, np.arange(300), np.array(citing), np.array(cited), work_topics


def test_a_planted_ring_is_flagged_and_a_dense_field_is_not() -> None:
    owner, works, citing, cited, topics = _field(np.random.default_rng(1))
    found = graph_features.compute(owner, works, 60, citing, cited, NONE, topics)
    blocks = found.stacking
    assert np.flatnonzero(blocks.block >= 0).tolist() == list(range(40, 50))
    assert blocks.size[40] == 10 and blocks.ratio[40] > 3
    assert blocks.observed[40] > 3 * blocks.expected[40]


def test_integrity_reasons_are_sentences_with_the_figures() -> None:
    owner, works, citing, cited, topics = _field(np.random.default_rng(1))
    found = graph_features.compute(owner, works, 60, citing, cited, NONE, topics)
    severity = np.zeros(300, dtype=np.int64)
    years = np.full(300, np.nan)
    severity[[0, 1, 2]] = [3, 3, 2]
    years[[0, 1, 2]] = [2024, 2023, 2022]
    notices = integrity.author_notices(owner, works, 60, [f"w{i}" for i in range(300)],
                                       severity, years)
    data = integrity.IntegrityInput(notices, found.stacking, found.impact, np.zeros(60),
                                    np.zeros((60, 3)))
    values, raw = integrity.penalty(data)
    assert raw[0]["reasons"] == ["2 works retracted (2023, 2024): w0, w1",
                                 "1 work with an expression of concern (2022): w2"]
    assert raw[0]["notices"] == {"retracted": ["w0", "w1"], "expressions_of_concern": ["w2"],
                                 "corrected": []}
    assert values[0] == 1.0 * integrity.NOTICE_SHARE[3] * 2 + integrity.NOTICE_SHARE[2]
    assert raw[40]["reasons"][0].startswith("In a group of 10 authors who cite each other")
    assert raw[40]["citation_stacking"]["size"] == 10 and values[40] >= 0.4
    assert raw[10]["reasons"] == [] and values[10] == 0
