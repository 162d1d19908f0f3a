"""Citation stacking: blocks of authors who cite each other far more than their topics and
citation counts explain (a CIDRE-like test; docs/SCORING.md, "Citation stacking").

Null model: author i's citations to others (its out-strength, kept exactly) go to topic t
with the graph's own topic-to-topic citation flow from i's topics, and within topic t to
each other author in proportion to their output in t (works weighted by topic share).
Blocks are the connected groups of reciprocal citation ties, pruned of members whose own
citations into the block are not in excess, then tested.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.stats import poisson

from scoring.citations import CitationEdges

MAX_WORK_AUTHORS = 100  # consortium works say nothing about who cites whom
MIN_RECIPROCAL = 1.0  # a tie: at least one (fractional) citation each way
MIN_BLOCK = 3
MIN_INTERNAL = 10.0  # citations among the members, at least
EXCESS = 3.0  # observed / expected, for members and for the block
MAX_P = 1e-6  # Poisson tail of the block's observed count under the null
PRUNE_ROUNDS = 20


@dataclass(frozen=True)
class Stacking:
    """Per author: their block (-1: none), its size, observed and expected citations
    among its members, and the excess ratio."""

    block: np.ndarray
    size: np.ndarray
    observed: np.ndarray
    expected: np.ndarray
    ratio: np.ndarray


def author_citations(by_work: sp.csr_matrix, edges: CitationEdges) -> sp.csr_matrix:
    """Authors x authors: citations from i's works to j's works (i != j), each citation
    shared out over its citing and cited authors (1/(n·m)); self-citations left out."""
    sizes = np.asarray(by_work.sum(axis=1)).ravel()
    usable = (sizes > 0) & (sizes <= MAX_WORK_AUTHORS)
    scale = np.divide(1.0, sizes, out=np.zeros_like(sizes), where=usable)
    shares = sp.csr_matrix(sp.diags(scale) @ by_work)
    keep = ~edges.self_citation
    n = by_work.shape[0]
    cites = sp.csr_matrix((np.ones(int(keep.sum())), (edges.citing[keep], edges.cited[keep])),
                          shape=(n, n))
    matrix = sp.csr_matrix(shares.T @ cites @ shares)
    matrix.setdiag(0)
    matrix.eliminate_zeros()
    return matrix


def topic_output(by_work: sp.csr_matrix, work_topics: sp.csr_matrix) -> sp.csr_matrix:
    """Authors x (topics + 1): each author's works weighted by their topic shares; the last
    column counts the works of authors whose works have no topic."""
    weights = sp.csr_matrix(by_work.T @ work_topics)
    totals = np.asarray(weights.sum(axis=1)).ravel()
    works = np.asarray(by_work.sum(axis=0)).ravel()
    none = sp.csr_matrix(np.where(totals <= 0, works, 0.0)[:, None])
    return sp.hstack([weights, none], format="csr")


def detect(citations: sp.csr_matrix, output: sp.csr_matrix) -> Stacking:
    """Blocks of excess reciprocal citation, each author's block and its figures."""
    block = _candidates(citations)
    null = _Null(citations, output)
    for _ in range(PRUNE_ROUNDS):
        observed, expected = null.members(block)
        weak = (block >= 0) & ~(observed >= EXCESS * expected)
        if not weak.any():
            break
        block = _renumber(np.where(weak, -1, block))
    observed, expected = null.members(block)
    sizes = np.bincount(block[block >= 0], minlength=max(1, int(block.max()) + 1))
    b_obs = np.bincount(block[block >= 0], weights=observed[block >= 0],
                        minlength=len(sizes))
    b_exp = np.bincount(block[block >= 0], weights=expected[block >= 0],
                        minlength=len(sizes))
    ratio = np.divide(b_obs, b_exp, out=np.full(len(sizes), np.inf), where=b_exp > 0)
    tail = poisson.sf(np.floor(b_obs) - 1, np.maximum(b_exp, 1e-12))
    flagged = (sizes >= MIN_BLOCK) & (b_obs >= MIN_INTERNAL) & (ratio >= EXCESS) & (tail < MAX_P)
    member = (block >= 0) & flagged[np.maximum(block, 0)]
    final = np.where(member, block, -1)
    at = np.maximum(final, 0)

    def per_author(values: np.ndarray) -> np.ndarray:
        return np.where(member, values[at], 0.0)

    finite = np.where(np.isinf(ratio), 0.0, ratio)
    return Stacking(final, per_author(sizes.astype(np.float64)), per_author(b_obs),
                    per_author(b_exp), per_author(finite))


def _candidates(citations: sp.csr_matrix) -> np.ndarray:
    """Each author's group of reciprocal ties (-1 for groups below MIN_BLOCK)."""
    reciprocal = citations.minimum(citations.T)
    ties = sp.csr_matrix(reciprocal >= MIN_RECIPROCAL)
    _, labels = connected_components(ties, directed=False)
    sizes = np.bincount(labels)
    return _renumber(np.where(sizes[labels] >= MIN_BLOCK, labels, -1))


def _renumber(block: np.ndarray) -> np.ndarray:
    """Block ids 0..k-1 in order of first member; blocks below MIN_BLOCK become -1."""
    out = np.full(len(block), -1, dtype=np.int64)
    inside = block >= 0
    if not inside.any():
        return out
    _, first, labels = np.unique(block[inside], return_index=True, return_inverse=True)
    big = np.bincount(labels) >= MIN_BLOCK
    order = np.argsort(first, kind="stable")
    kept = order[big[order]]
    new_id = np.full(len(first), -1, dtype=np.int64)
    new_id[kept] = np.arange(len(kept))
    out[inside] = new_id[labels]
    return out


class _Null:
    """The null model's expected citations of each block member into its own block."""

    def __init__(self, citations: sp.csr_matrix, output: sp.csr_matrix) -> None:
        self.citations = sp.coo_matrix(citations)
        self.output = output
        self.out = np.asarray(citations.sum(axis=1)).ravel()
        totals = np.asarray(output.sum(axis=1)).ravel()
        profiles = sp.csr_matrix(sp.diags(np.divide(1.0, totals, out=np.zeros_like(totals),
                                                    where=totals > 0)) @ output)
        self.profiles = profiles
        flow = (profiles.T @ citations @ profiles).toarray()  # topic -> topic citations
        rows = flow.sum(axis=1, keepdims=True)
        self.flow = np.divide(flow, rows, out=np.zeros_like(flow), where=rows > 0)
        self.pull = np.asarray(output.sum(axis=0)).ravel()  # per topic, everyone's output

    def members(self, block: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(observed, expected) citations of each member into its block (0 for others)."""
        n = len(block)
        observed, expected = np.zeros(n), np.zeros(n)
        members = np.flatnonzero(block >= 0)
        if len(members) == 0:
            return observed, expected
        c = self.citations
        same = (block[c.row] >= 0) & (block[c.row] == block[c.col])
        observed += np.bincount(c.row[same], weights=c.data[same], minlength=n)
        mine = self.output[members].toarray()
        membership = sp.csr_matrix((np.ones(len(members)), (block[members],
                                                            np.arange(len(members)))),
                                   shape=(int(block.max()) + 1, len(members)))
        block_pull = membership @ mine  # per block and topic, its members' output
        numerator = block_pull[block[members]] - mine
        denominator = self.pull[None, :] - mine
        share = np.divide(numerator, denominator, out=np.zeros_like(numerator),
                          where=denominator > 0)
        towards = np.asarray(self.profiles[members] @ self.flow)  # members' citations by topic
        expected[members] = self.out[members] * (towards * share).sum(axis=1)
        return observed, expected
