"""The trust arithmetic: bands, honest integer contributions, the penalty floor."""

import numpy as np
import pytest

from scoring.trust import (
    INTEGRITY_WEIGHT,
    WEIGHTS,
    Signal,
    band,
    combine,
    combine_many,
    largest_remainder,
)


@pytest.mark.parametrize(("score", "name"), [
    (0, "New"), (19, "New"), (20, "Emerging"), (39, "Emerging"), (40, "Established"),
    (59, "Established"), (60, "Trusted"), (79, "Trusted"), (80, "Highly trusted"),
    (100, "Highly trusted")])
def test_bands(score: int, name: str) -> None:
    assert band(score) == name


def test_weights_add_up_to_100() -> None:
    assert sum(WEIGHTS.values()) == 100


def test_largest_remainder_sums_exactly_and_stays_within_one() -> None:
    exact = [3.4, 2.35, 7.25, 0.0, -1.2]
    points = largest_remainder(exact, round(sum(exact)))
    assert sum(points) == round(sum(exact))
    assert all(abs(p - x) < 1 for p, x in zip(points, exact, strict=True))


def _signals(value: float) -> list[Signal]:
    return [Signal(name, {"x": value}, value) for name in WEIGHTS]


@pytest.mark.parametrize("value", [0.0, 0.137, 0.5, 0.77, 1.0])
def test_contributions_sum_to_the_score(value: float) -> None:
    score = combine(_signals(value), Signal("integrity", {}, 0.3))
    contributions = [s["contribution"] for s in score.breakdown.values()]
    assert sum(contributions) == score.value
    assert score.breakdown["integrity"]["weight"] == -INTEGRITY_WEIGHT
    assert set(score.breakdown["publication"]) == {"raw", "normalised", "weight",
                                                   "contribution"}


def test_the_penalty_never_takes_the_score_below_zero() -> None:
    score = combine(_signals(0.02), Signal("integrity", {}, 1.0))
    assert score.value == 0 and score.band == "New"
    assert sum(s["contribution"] for s in score.breakdown.values()) == 0


def test_a_perfect_record_scores_100() -> None:
    assert combine(_signals(1.0), Signal("integrity", {}, 0.0)).value == 100


def test_combine_many_gives_what_combine_gives_row_by_row() -> None:
    rng = np.random.default_rng(3)
    names = (*WEIGHTS, "integrity")
    values = rng.choice([0.0, -0.0, 0.25, 0.5, 1.0, 1.7, -0.3, np.nan, 0.1234567],
                        size=(400, len(names)))
    values[:200] = rng.random((200, len(names)))
    raw = {name: [{"row": i} for i in range(len(values))] for name in names}
    many = combine_many(names, values, raw)
    for i, row in enumerate(values.tolist()):
        one = combine([Signal(n, raw[n][i], row[k]) for k, n in enumerate(names[:-1])],
                      Signal("integrity", raw["integrity"][i], row[-1]))
        assert many[i] == one
