"""Co-author pairs: shared works, last year, Newman weights, and the >100-author rule."""

import numpy as np

from scoring.collaboration import (
    CLOSE_SHARED_WORKS,
    MAX_COLLABORATION_AUTHORS,
    collaboration_matrix,
    collaborations,
    meaningful,
)


def _authorships(works: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    authors = [a for work in works for a in work]
    indexes = [w for w, work in enumerate(works) for _ in work]
    return np.array(authors), np.array(indexes)


def test_pairs_count_shared_works_and_last_year() -> None:
    works = [[0, 1], [0, 1, 2], [1, 2], [3]]
    years = np.array([2019.0, 2021.0, np.nan, 2020.0])
    c = collaborations(*_authorships(works), years)
    got = {(int(a), int(b)): (int(s), y, round(float(w), 3))
           for a, b, s, y, w in zip(c.a, c.b, c.shared_works, c.last_year, c.weight,
                                    strict=True)}
    assert got.keys() == {(0, 1), (0, 2), (1, 2)}
    assert got[(0, 1)][:2] == (2, 2021.0) and got[(0, 1)][2] == 1.5  # 1 + 1/2
    assert got[(1, 2)][0] == 2 and got[(1, 2)][1] == 2021.0  # the undated work adds no year


def test_close_collaborators_are_collaborations_however_large_their_works() -> None:
    # Two 41-author works: each pair's weight is 2/40 < MIN_PAIR_WEIGHT, but they share two
    # works, so they are close collaborators; one such work alone makes no collaboration.
    crowd = list(range(41))
    twice = collaborations(*_authorships([crowd, crowd]), np.array([2020.0, 2021.0]))
    assert CLOSE_SHARED_WORKS == 2 and len(meaningful(twice)) == len(twice) == 41 * 40 // 2
    once = collaborations(*_authorships([crowd]), np.array([2020.0]))
    assert len(meaningful(once)) == 0


def test_a_consortium_paper_makes_no_collaborators() -> None:
    big = list(range(MAX_COLLABORATION_AUTHORS + 1))
    c = collaborations(*_authorships([big, [0, 1]]), np.array([2020.0, 2021.0]))
    assert len(c) == 1 and (int(c.a[0]), int(c.b[0])) == (0, 1)
    at_limit = list(range(MAX_COLLABORATION_AUTHORS))
    c = collaborations(*_authorships([at_limit]), np.array([2020.0]))
    assert len(c) == MAX_COLLABORATION_AUTHORS * (MAX_COLLABORATION_AUTHORS - 1) // 2


def test_the_matrix_is_symmetric() -> None:
    c = collaborations(*_authorships([[0, 2], [2, 1]]), np.array([2020.0, 2020.0]))
    m = collaboration_matrix(c, 3).toarray()
    assert (m == m.T).all() and m[0, 2] == 1.0 and m[0, 1] == 0.0
