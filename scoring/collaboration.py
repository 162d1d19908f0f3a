"""Co-authorship: who collaborates with whom, how much, and how recently."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

# A work with more authors than this (a consortium paper) makes no one a collaborator:
# 3 000 physicists on one paper have not worked with each other in any sense a reader means.
MAX_COLLABORATION_AUTHORS = 100
# Co-authors with at least this many shared works are "close collaborators" (the profile's
# count and flag, service/repository/authors.py, use it too).
CLOSE_SHARED_WORKS = 2
# A pair is a collaboration (stored, and carrying trust) when it shares CLOSE_SHARED_WORKS
# works, or its weight reaches this: one work with at most 11 authors. One paper among 40
# co-authors makes two people co-authors, not collaborators, and would multiply the pairs.
MIN_PAIR_WEIGHT = 0.1


@dataclass(frozen=True)
class Collaborations:
    """One row per author pair (a < b by index): shared works, last year, Newman weight."""

    a: np.ndarray
    b: np.ndarray
    shared_works: np.ndarray
    last_year: np.ndarray  # float, NaN when no shared work has a year
    weight: np.ndarray

    def __len__(self) -> int:
        return len(self.a)


def authors_per_work(work_idx: np.ndarray, n_works: int) -> np.ndarray:
    """How many authors each work has (all of them, however many)."""
    return np.bincount(work_idx, minlength=n_works)


def collaborations(
    author_idx: np.ndarray, work_idx: np.ndarray, work_year: np.ndarray
) -> Collaborations:
    """Every co-author pair over works with 2..MAX_COLLABORATION_AUTHORS authors."""
    sizes = authors_per_work(work_idx, len(work_year))
    order = np.lexsort((author_idx, work_idx))
    authors_sorted, works_sorted = author_idx[order], work_idx[order]
    pair_a, pair_b, pair_w, pair_y = [], [], [], []
    for n in np.unique(sizes[works_sorted]):
        if n < 2 or n > MAX_COLLABORATION_AUTHORS:
            continue
        mask = sizes[works_sorted] == n
        # Works of one size as an (m, n) matrix of author indices, ascending in each row.
        grid = authors_sorted[mask].reshape(-1, n)
        rows_work = works_sorted[mask][::n]
        i, j = np.triu_indices(n, 1)
        pair_a.append(grid[:, i].ravel())
        pair_b.append(grid[:, j].ravel())
        # Newman's weight: a work with n authors gives each of its pairs 1 / (n - 1).
        pair_w.append(np.full(grid.shape[0] * len(i), 1.0 / (n - 1)))
        pair_y.append(np.repeat(work_year[rows_work], len(i)))
    if not pair_a:
        empty = np.zeros(0)
        return Collaborations(empty.astype(np.int64), empty.astype(np.int64),
                              empty.astype(np.int64), empty, empty)
    return _group_pairs(np.concatenate(pair_a), np.concatenate(pair_b),
                        np.concatenate(pair_w), np.concatenate(pair_y))


def _group_pairs(a: np.ndarray, b: np.ndarray, w: np.ndarray, y: np.ndarray) -> Collaborations:
    """Sum the per-work pairs into one row per author pair."""
    a, b = a.astype(np.int64), b.astype(np.int64)
    key = a * (int(max(a.max(), b.max())) + 1) + b
    uniq, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    shared = np.bincount(inverse)
    weight = np.bincount(inverse, weights=w)
    last = np.full(len(uniq), -np.inf)
    np.maximum.at(last, inverse, np.where(np.isnan(y), -np.inf, y))
    last[np.isinf(last)] = np.nan
    # Rounded as stored, so a rerun compares equal to what it wrote.
    return Collaborations(a[first], b[first], shared, last, np.round(weight, 6))


def select(c: Collaborations, mask: np.ndarray) -> Collaborations:
    """The rows of `c` where mask is true."""
    return Collaborations(c.a[mask], c.b[mask], c.shared_works[mask], c.last_year[mask],
                          c.weight[mask])


def meaningful(c: Collaborations) -> Collaborations:
    """The pairs that count as collaborations (see MIN_PAIR_WEIGHT)."""
    return select(c, (c.shared_works >= CLOSE_SHARED_WORKS) | (c.weight >= MIN_PAIR_WEIGHT))


def collaboration_matrix(collab: Collaborations, n_authors: int) -> sp.csr_matrix:
    """The symmetric author x author matrix of collaboration weights."""
    rows = np.concatenate([collab.a, collab.b])
    cols = np.concatenate([collab.b, collab.a])
    data = np.concatenate([collab.weight, collab.weight])
    return sp.csr_matrix((data, (rows, cols)), shape=(n_authors, n_authors))
