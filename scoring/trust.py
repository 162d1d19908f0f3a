"""The trust score: signal weights, bands, and an honest integer breakdown."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

SCORE_VERSION = "trust-v1"

# Points each signal can give (they add up to 100); docs/SCORING.md says why each weighs so.
WEIGHTS: dict[str, int] = {
    "publication": 20,
    "impact": 15,
    "network": 25,
    "topic_coherence": 10,
    "identity": 20,
    "community": 10,
}
# The most the anomaly penalty can take away.
ANOMALY_WEIGHT = 15

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


def combine(signals: list[Signal], anomaly: Signal) -> TrustScore:
    """Weigh the signals, subtract the anomaly penalty, round so contributions sum exactly."""
    exact = [WEIGHTS[s.name] * _clip01(s.normalised) for s in signals]
    positive = sum(exact)
    # The penalty never takes the score below 0, so the contributions still sum to it.
    penalty = min(ANOMALY_WEIGHT * _clip01(anomaly.normalised), positive)
    exact.append(-penalty)
    value = min(100, max(0, math.floor(positive - penalty + 0.5)))
    points = largest_remainder(exact, value)
    breakdown = {
        s.name: {"raw": s.raw, "normalised": round(_clip01(s.normalised), 4),
                 "weight": weight, "contribution": p}
        for s, weight, p in zip([*signals, anomaly],
                                [*(WEIGHTS[s.name] for s in signals), -ANOMALY_WEIGHT],
                                points, strict=True)
    }
    return TrustScore(value, band(value), breakdown)


def _clip01(x: float) -> float:
    """x limited to [0, 1] (NaN counts as 0); called a few million times, so kept cheap."""
    if 0.0 <= x <= 1.0:
        return x
    return 1.0 if x > 1.0 else 0.0
