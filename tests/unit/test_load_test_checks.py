"""The pure parts of bench/load_test.py: percentiles, table rows, and the trust-block checks."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bench.common import percentile
from bench.load_test_checks import (
    OVERALL,
    format_table,
    history_problems,
    observation,
    summarise,
    summary_rows,
    trust_problems,
)
from scoring.trust import WEIGHTS, Signal, combine

AT = "2026-11-22T08:36:58.123456Z"


def profile(normalised: float = 0.63, anomaly: float = 0.2) -> dict[str, Any]:
    """A profile whose trust block is what the scoring code itself produces."""
    signals = [Signal(name, {"n": i}, normalised - 0.05 * i) for i, name in enumerate(WEIGHTS)]
    score = combine(signals, Signal("anomaly", [1.0], anomaly))
    return {"id": "A1", "trust": {"score": score.value, "band": score.band,
                                  "breakdown": score.breakdown, "scored_at": AT,
                                  "version": "trust-v1"},
            "verification": {"level": "L1", "label": "Record-matched", "reasons": []}}


def test_percentile_nearest_rank() -> None:
    values = list(range(100, 0, -1))  # unsorted on purpose
    assert [percentile(values, q) for q in (50, 95, 99, 100)] == [50, 95, 99, 100]
    assert percentile([7.5], 99) == 7.5
    assert percentile([], 50) is None
    assert percentile([1, 2, 3, 4], 50) == 2 and percentile([1, 2, 3, 4], 51) == 3


def test_summary_rows_per_type_and_overall() -> None:
    rows = summary_rows({"search": [10.0, 30.0], "profile": [1.0, 2.0, 3.0, 4.0]},
                        {"search": 1}, seconds=2.0)
    assert [r["request"] for r in rows] == ["profile", "search", OVERALL]
    profile_row, search_row, overall = rows
    assert (profile_row["rps"], profile_row["errors"], profile_row["error_rate"]) == (2.0, 0, 0.0)
    assert (search_row["p50_ms"], search_row["max_ms"], search_row["error_rate"]) == (10, 30, 0.5)
    assert overall["requests"] == 6 and overall["errors"] == 1 and overall["rps"] == 3.0
    assert overall["p95_ms"] == 30.0 and overall["p50_ms"] == 3.0


def test_summarise_empty_and_table() -> None:
    empty = summarise("x", [], 0, 0.0)
    assert empty["rps"] == 0.0 and empty["p99_ms"] is None and empty["error_rate"] == 0.0
    text = format_table("level 16", [summarise("profile", [12.25, 20.0], 1, 1.0), empty])
    lines = text.splitlines()
    assert lines[0] == "level 16" and "p95 ms" in lines[1]
    assert lines[3].split() == ["profile", "2", "2.0", "12.2", "20.0", "20.0", "20.0", "1",
                                "50.00%"]
    assert lines[4].split()[3:7] == ["-", "-", "-", "-"]


def test_a_score_from_the_scoring_code_is_consistent() -> None:
    for normalised, anomaly in [(0.63, 0.2), (1.0, 0.0), (0.0, 1.0), (0.37, 0.9)]:
        assert trust_problems(profile(normalised, anomaly)) == []
    as_json = profile()  # the API's schema sends contributions as floats: 20.0
    for signal in as_json["trust"]["breakdown"].values():
        signal["contribution"] = float(signal["contribution"])
    assert trust_problems(as_json) == []
    assert trust_problems({"id": "A2", "trust": None, "verification": None}) == []


def test_half_written_scores_are_caught() -> None:
    new, old = profile(0.8), profile(0.3)
    assert new["trust"]["score"] != old["trust"]["score"]
    mixed = copy.deepcopy(new)
    mixed["trust"]["breakdown"] = old["trust"]["breakdown"]  # new score, old breakdown
    assert any("sum to" in p for p in trust_problems(mixed))
    mixed = copy.deepcopy(new)
    mixed["trust"]["band"] = "New"  # a band that belongs to another score
    assert any("band" in p for p in trust_problems(mixed))
    assert trust_problems({**new, "verification": None}) == ["trust without verification"]
    assert trust_problems({**new, "trust": None}) == ["verification without trust"]


@pytest.mark.parametrize("change, expected", [
    ({"score": 101}, "not an integer"),
    ({"score": "50"}, "not an integer"),
    ({"breakdown": {}}, "empty breakdown"),
    ({"breakdown": {"publication": {"weight": 20, "contribution": 2.5}}}, "contribution 2.5"),
    ({"breakdown": {"publication": {"weight": 20, "contribution": True}}}, "contribution True"),
    ({"version": None}, "version missing"),
])
def test_malformed_trust_blocks(change: dict[str, Any], expected: str) -> None:
    broken = profile()
    broken["trust"].update(change)
    assert any(expected in p for p in trust_problems(broken))


def test_contribution_beyond_its_weight() -> None:
    broken = profile()
    signal = broken["trust"]["breakdown"]["publication"]
    signal["contribution"] = signal["weight"] + 1
    broken["trust"]["breakdown"]["impact"]["contribution"] -= 1  # the sum stays right
    assert [p for p in trust_problems(broken) if "outside weight" in p]


def history_case() -> tuple[Any, list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """An observation, its author's history (two runs) and the runs."""
    seen = observation(profile())
    assert seen is not None
    history = [{"run_id": "r2", "value": seen[2], "band": seen[3], "version": "trust-v1",
                "at": "2026-11-22T08:36:58.123456+00:00"},
               {"run_id": "r1", "value": 3, "band": "New", "version": "trust-v1",
                "at": "2026-11-21T08:00:00Z"}]
    runs = {"r1": {"id": "r1", "status": "completed", "version": "trust-v1"},
            "r2": {"id": "r2", "status": "completed", "version": "trust-v1"}}
    return seen, history, runs


def test_an_observed_score_of_one_completed_run() -> None:
    seen, history, runs = history_case()
    assert history_problems(seen, history, runs) == []  # 'Z' and '+00:00' are one instant


def test_observed_scores_that_no_completed_run_published() -> None:
    seen, history, runs = history_case()
    for status in ("switching", "failed", "running"):
        problems = history_problems(seen, history, {**runs, "r2": {**runs["r2"],
                                                                  "status": status}})
        assert problems and status in problems[0]
    assert "0 published scores" in history_problems(seen, history[1:], runs)[0]
    assert "2 published scores" in history_problems(seen, [history[0], *history], runs)[0]
    other_value = [{**history[0], "value": seen[2] + 1}, history[1]]
    assert "history has" in history_problems(seen, other_value, runs)[0]
    other_version = {**runs, "r2": {**runs["r2"], "version": "trust-v0"}}
    assert "version" in history_problems(seen, history, other_version)[0]
    assert "status is None" in history_problems(seen, history, {"r1": runs["r1"]})[0]
