"""The trust score: signal weights, bands, and an honest integer breakdown."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

SCORE_VERSION = "trust-v2"

# Points each signal can give (they add up to 100); docs/SCORING.md says why each weighs so.
WEIGHTS: dict[str, int] = {
    "publication": 20,
    "impact": 15,
    "network": 25,
    "topic_coherence": 10,
    "identity": 20,
    "community": 10,
}
# The most the integrity signal (scoring/integrity.py) can take away.
INTEGRITY_WEIGHT = 25

BANDS: tuple[tuple[int, str], ...] = (
    (80, "Highly trusted"), (60, "Trusted"), (40, "Established"), (20, "Emerging"), (0, "New"))


@dataclass(frozen=True)
class Signal:
    """One signal of one author: what was measured and its 0-1 normalised value."""

    name: str
    raw: Any
    normalised: float


@dataclass(frozen=True)
class TrustScore:
    """An author's score, band and breakdown ({signal: {raw, normalised, weight, contribution}})."""

    value: int
    band: str
    breakdown: dict[str, dict[str, Any]]


def band(score: int) -> str:
    """The band name of a 0-100 score."""
    return next(name for floor, name in BANDS if score >= floor)


def largest_remainder(exact: list[float], total: int) -> list[int]:
    """Integers, each the floor or ceiling of its exact value, that add up to `total`."""
    floors = [math.floor(x) for x in exact]
    missing = total - sum(floors)
    # Hand the missing units to the largest fractional parts (ties: earlier signal first).
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:max(0, missing)]:
        floors[i] += 1
    return floors


def combine(signals: list[Signal], penalty_signal: Signal) -> TrustScore:
    """Weigh the signals, subtract the integrity penalty, round so contributions sum exactly."""
    exact = [WEIGHTS[s.name] * _clip01(s.normalised) for s in signals]
    positive = sum(exact)
    # The penalty never takes the score below 0, so the contributions still sum to it.
    penalty = min(INTEGRITY_WEIGHT * _clip01(penalty_signal.normalised), positive)
    exact.append(-penalty)
    value = min(100, max(0, math.floor(positive - penalty + 0.5)))
    points = largest_remainder(exact, value)
    breakdown = {
        s.name: {"raw": s.raw, "normalised": round(_clip01(s.normalised), 4),
                 "weight": weight, "contribution": p}
        for s, weight, p in zip([*signals, penalty_signal],
                                [*(WEIGHTS[s.name] for s in signals), -INTEGRITY_WEIGHT],
                                points, strict=True)
    }
    return TrustScore(value, band(value), breakdown)


def _clip01(x: float) -> float:
    """x limited to [0, 1] (NaN counts as 0); called a few million times, so kept cheap."""
    if 0.0 <= x <= 1.0:
        return x
    return 1.0 if x > 1.0 else 0.0


def combine_many(names: Sequence[str], normalised: np.ndarray,
                 raw: dict[str, list[Any]]) -> list[TrustScore]:
    """`combine` for every row at once: `normalised` is (authors, signals + integrity last),
    columns in `names` order; the same arithmetic in numpy, so the same scores."""
    clipped = np.where(normalised > 1.0, 1.0, np.where(normalised >= 0.0, normalised, 0.0))
    exact = clipped * np.array([WEIGHTS[n] for n in names[:-1]] + [INTEGRITY_WEIGHT], float)
    positive = np.zeros(len(exact))
    for column in range(len(names) - 1):  # left to right, as Python's sum adds
        positive = positive + exact[:, column]
    exact[:, -1] = -np.minimum(exact[:, -1], positive)
    values = np.clip(np.floor(positive + exact[:, -1] + 0.5), 0, 100).astype(np.int64)
    points = _largest_remainder_rows(exact, values)
    weights = [WEIGHTS[n] for n in names[:-1]] + [-INTEGRITY_WEIGHT]
    shown, points_list, bands = clipped.tolist(), points.tolist(), [band(v) for v in range(101)]
    columns = [raw[n] for n in names]
    return [TrustScore(int(v), bands[v], {
        name: {"raw": column[i], "normalised": round(x, 4), "weight": w, "contribution": p}
        for name, column, x, w, p in zip(names, columns, shown[i], weights, points_list[i],
                                         strict=True)})
        for i, v in enumerate(values.tolist())]


def _largest_remainder_rows(exact: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """`largest_remainder` for each row (ties: earlier column first, by a stable sort)."""
    floors = np.floor(exact)
    missing = totals - floors.sum(axis=1).astype(np.int64)
    order = np.argsort(-(exact - floors), axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(exact.shape[1])[None, :].repeat(len(exact), 0),
                      axis=1)
    return (floors + (rank < missing[:, None])).astype(np.int64)
