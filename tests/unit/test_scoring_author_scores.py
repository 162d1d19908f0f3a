"""Per-author scoring: deterministic; the anomaly penalty hits bursts, never quietness."""

import numpy as np
import scipy.sparse as sp

from scoring.anomaly import features, isolation_scores, penalty
from scoring.author_scores import ScoringInput, score_authors
from scoring.verification import AuthorFacts


def _input(works_per_author: list[int]) -> ScoringInput:
    authors = [AuthorFacts(f"a{i:03d}", identity="strong") for i in range(len(works_per_author))]
    author_idx = np.repeat(np.arange(len(works_per_author)), works_per_author)
    work_idx = np.arange(len(author_idx))
    years = 2000.0 + (work_idx % 20)
    return ScoringInput(authors, [f"w{i}" for i in work_idx], years, np.ones(len(work_idx)),
                        np.full(len(work_idx), np.nan), author_idx, work_idx,
                        sp.csr_matrix((len(work_idx), 3)), np.zeros(len(authors)), 2020)


def test_the_same_input_scores_the_same() -> None:
    counts = [1 + (i * 7) % 13 for i in range(80)]
    first = [(r.id, r.score) for r in score_authors(_input(counts))]
    second = [(r.id, r.score) for r in score_authors(_input(counts))]
    assert first == second


def test_quiet_authors_are_never_penalised_and_bursts_are() -> None:
    rng = np.random.default_rng(0)
    n = 400
    busiest = rng.integers(1, 4, n).astype(float)
    coauthors = rng.uniform(1, 4, n)
    works = rng.integers(1, 20, n).astype(float)
    active = np.maximum(1.0, works / 2)
    population = features(busiest, coauthors, works, active)
    quiet = features(np.array([0.0]), np.array([0.0]), np.array([0.0]), np.array([0.0]))
    burst = features(np.array([120.0]), np.array([60.0]), np.array([300.0]), np.array([2.0]))
    assert penalty(isolation_scores(population, quiet))[0] == 0.0
    assert penalty(isolation_scores(population, burst))[0] > 0.5


def test_no_penalty_in_a_tiny_population() -> None:
    feats = features(np.array([50.0]), np.array([50.0]), np.array([50.0]), np.array([1.0]))
    assert isolation_scores(feats, feats)[0] == 0.0
