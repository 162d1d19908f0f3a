"""TrustRank: personalised PageRank from verified authors over collaboration edges."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

DAMPING = 0.85
TOLERANCE = 1.0e-10
MAX_ITERATIONS = 200


class PropagationDidNotConverge(RuntimeError):
    """The power iteration did not settle within MAX_ITERATIONS."""


def transition_matrix(weights: sp.csr_matrix) -> sp.csr_matrix:
    """Row-stochastic transitions (rows of authors without collaborators stay empty)."""
    out = np.asarray(weights.sum(axis=1)).ravel()
    inverse = np.divide(1.0, out, out=np.zeros_like(out), where=out > 0)
    return sp.csr_matrix(sp.diags(inverse) @ weights)


def trust_rank(
    weights: sp.csr_matrix,
    seeds: np.ndarray,
    damping: float = DAMPING,
    tol: float = TOLERANCE,
    max_iter: int = MAX_ITERATIONS,
) -> np.ndarray:
    """Solve x = d·Pᵀx + (1-d)·s by power iteration; s is 1 for each seed, 0 elsewhere.

    Trust only starts at seeds, so a ring with no seed in it gets exactly 0 however densely
    it co-authors. Each seed injects the same amount whatever the graph's size, so values
    are comparable between graphs and a new seed never takes trust away from anyone else.
    Authors without collaborators pass nothing on (no teleport of their mass).
    """
    n = weights.shape[0]
    teleport = (1.0 - damping) * seeds.astype(np.float64)
    if n == 0 or not teleport.any():
        return np.zeros(n)
    step = sp.csr_matrix(transition_matrix(weights).T) * damping
    x = teleport.copy()
    for _ in range(max_iter):
        following = step @ x + teleport
        if np.abs(following - x).sum() < tol * n:
            return np.asarray(following)
        x = following
    raise PropagationDidNotConverge(f"no convergence within {max_iter} iterations")


def received_trust(weights: sp.csr_matrix, seeds: np.ndarray) -> np.ndarray:
    """What each author receives from others: its TrustRank less its own seed share."""
    return np.maximum(0.0, trust_rank(weights, seeds) - (1.0 - DAMPING) * seeds)
