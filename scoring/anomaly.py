"""The anomaly penalty: an IsolationForest over what fabricated records look like."""

from __future__ import annotations

import numpy as np
from sklearn.ensemble import IsolationForest

RANDOM_STATE = 20240601
# Below this many authors an "outlier" means nothing: no penalty at all.
MIN_POPULATION = 50
# IsolationForest's anomaly score runs 0..1 with 0.5 as its own boundary; the penalty
# starts a little beyond it and is full for clear outliers.
PENALTY_START, PENALTY_FULL = 0.55, 0.75
FEATURES = ("busiest_year_works", "mean_coauthors", "works_per_active_year")


def features(busiest_year_works: np.ndarray, mean_coauthors: np.ndarray, works: np.ndarray,
             active_years: np.ndarray) -> np.ndarray:
    """(authors, 3): bursts of works, crowds of co-authors, and output per active year (log)."""
    per_year = np.divide(works, active_years, out=np.zeros_like(works), where=active_years > 0)
    return np.log1p(np.column_stack([busiest_year_works, mean_coauthors, per_year]))


def isolation_scores(population: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Anomaly score (0..1) of each target row against a forest fitted on the population.

    Values below the population median are raised to it first: being unusually *quiet*
    (few works, few co-authors) is never suspicious, only unusually busy is.
    """
    if len(population) < MIN_POPULATION or len(targets) == 0:
        return np.zeros(len(targets))
    median = np.median(population, axis=0)
    forest = IsolationForest(n_estimators=100, random_state=RANDOM_STATE)
    forest.fit(np.maximum(population, median))
    return np.asarray(-forest.score_samples(np.maximum(targets, median)))


def penalty(scores: np.ndarray) -> np.ndarray:
    """The 0-1 penalty for each anomaly score."""
    return np.clip((np.asarray(scores) - PENALTY_START) / (PENALTY_FULL - PENALTY_START),
                   0.0, 1.0)
