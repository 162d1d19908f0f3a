"""TrustRank: rings without seeds get nothing, new verified co-authors only help, and it
agrees with networkx's personalised PageRank."""

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from scoring.propagation import DAMPING, received_trust, trust_rank


def _random_graph(rng: np.random.Generator, n: int, edges: int) -> sp.csr_matrix:
    a, b = rng.integers(0, n, edges), rng.integers(0, n, edges)
    keep = a != b
    w = rng.integers(1, 5, keep.sum()).astype(float)
    m = sp.coo_matrix((w, (a[keep], b[keep])), shape=(n, n)).tocsr()
    return sp.csr_matrix(m + m.T)


def test_a_ring_without_seeds_receives_nothing() -> None:
    rng = np.random.default_rng(1)
    ring = _random_graph(rng, 30, 300)
    weights = sp.block_diag([ring, _random_graph(rng, 10, 30)]).tocsr()
    seeds = np.zeros(40, dtype=bool)
    seeds[[32, 35]] = True
    received = received_trust(weights, seeds)
    assert (received[:30] == 0).all() and received[30:].sum() > 0


@pytest.mark.parametrize("seed", range(20))
def test_a_new_verified_coauthor_never_lowers_anyones_own_received_trust(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 25
    weights = _random_graph(rng, n, 40)
    seeds = rng.random(n) < 0.15
    target = int(rng.integers(0, n))
    before = received_trust(weights, seeds)[target]
    grown = sp.lil_matrix((n + 1, n + 1))
    grown[:n, :n] = weights
    w = float(rng.integers(1, 4))
    grown[target, n] = grown[n, target] = w
    after = received_trust(sp.csr_matrix(grown), np.append(seeds, True))[target]
    assert after >= before - 1e-12


def test_matches_networkx_on_a_graph_without_dangling_nodes() -> None:
    rng = np.random.default_rng(7)
    weights = _random_graph(rng, 200, 1500)
    degree = np.asarray(weights.sum(axis=1)).ravel()
    keep = np.flatnonzero(degree > 0)
    weights = sp.csr_matrix(weights[keep][:, keep])
    seeds = np.zeros(len(keep), dtype=bool)
    seeds[:7] = True
    ours = trust_rank(weights, seeds, tol=1e-12) / seeds.sum()
    graph = nx.from_scipy_sparse_array(weights)
    theirs = nx.pagerank(graph, alpha=DAMPING, personalization={i: 1 for i in range(7)},
                         tol=1e-12, max_iter=1000, weight="weight")
    assert np.allclose(ours, [theirs[i] for i in range(len(keep))], atol=1e-8)
