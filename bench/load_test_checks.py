"""The pure parts of bench/load_test.py: percentiles, the result table, and the checks of a
profile's trust block (internally consistent, and published by one completed scoring run).

No locust, no network, no database here: tests/unit/test_load_test_checks.py covers it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from bench.common import percentile
from scoring.trust import band

OVERALL = "overall"
# One observed published score: (author id, scored_at, score, band, version).
Observation = tuple[str, str, int, str | None, str | None]


def summarise(name: str, times_ms: Sequence[float], errors: int, seconds: float) -> dict[str, Any]:
    """One table row: count, throughput, p50/p95/p99/max (ms, errors included), error rate."""
    count = len(times_ms)
    return {"request": name, "requests": count, "errors": errors,
            "error_rate": errors / count if count else 0.0,
            "rps": count / seconds if seconds > 0 else 0.0,
            "p50_ms": percentile(times_ms, 50), "p95_ms": percentile(times_ms, 95),
            "p99_ms": percentile(times_ms, 99), "max_ms": max(times_ms) if times_ms else None}


def summary_rows(times_ms: Mapping[str, Sequence[float]], errors: Mapping[str, int],
                 seconds: float) -> list[dict[str, Any]]:
    """A row per request type (sorted by name), then the overall row over all of them."""
    rows = [summarise(name, times_ms[name], errors.get(name, 0), seconds)
            for name in sorted(times_ms)]
    every = [t for name in times_ms for t in times_ms[name]]
    rows.append(summarise(OVERALL, every, sum(errors.values()), seconds))
    return rows


def _ms(value: float | None) -> str:
    """A latency cell."""
    return "-" if value is None else f"{value:.1f}"


def format_table(title: str, rows: Iterable[Mapping[str, Any]]) -> str:
    """The rows as a fixed-width text table under a title line."""
    header = (f"{'request':<22} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
              f"{'p99 ms':>8} {'max ms':>8} {'errors':>7} {'error %':>8}")
    lines = [title, header, "-" * len(header)]
    for row in rows:
        lines.append(f"{row['request']:<22} {row['requests']:>9} {row['rps']:>8.1f} "
                     f"{_ms(row['p50_ms']):>8} {_ms(row['p95_ms']):>8} {_ms(row['p99_ms']):>8} "
                     f"{_ms(row['max_ms']):>8} {row['errors']:>7} "
                     f"{100 * row['error_rate']:>7.2f}%")
    return "\n".join(lines)


def trust_problems(profile: Mapping[str, Any]) -> list[str]:
    """Why a profile's trust block is not one whole published score (empty list: it is)."""
    trust, verification = profile.get("trust"), profile.get("verification")
    if trust is None:
        # Unscored (e.g. an author a concurrent load just added): both blocks must be absent.
        return [] if verification is None else ["verification without trust"]
    problems = [] if verification is not None else ["trust without verification"]
    score, breakdown = trust.get("score"), trust.get("breakdown") or {}
    if not isinstance(score, int) or not 0 <= score <= 100:
        return [*problems, f"score {score!r} is not an integer in 0..100"]
    if trust.get("band") != band(score):
        problems.append(f"band {trust.get('band')!r} does not match score {score}")
    if not breakdown:
        problems.append("empty breakdown")
    problems += _breakdown_problems(score, breakdown)
    if not trust.get("scored_at") or not trust.get("version"):
        problems.append("scored_at or version missing")
    return problems


def _breakdown_problems(score: int, breakdown: Mapping[str, Any]) -> list[str]:
    """Each contribution within its signal's weight, and the contributions summing to score."""
    problems, total = [], 0
    for name, signal in breakdown.items():
        contribution, weight = signal.get("contribution"), signal.get("weight")
        # Whole points; the API's schema types them as floats, so 20.0 comes back for 20.
        if not _whole(contribution) or not isinstance(weight, int | float):
            problems.append(f"{name}: contribution {contribution!r} / weight {weight!r}")
            continue
        if not min(0, weight) <= contribution <= max(0, weight):
            problems.append(f"{name}: contribution {contribution} outside weight {weight}")
        total += int(contribution)
    if breakdown and total != score:
        problems.append(f"contributions sum to {total}, score is {score}")
    return problems


def _whole(value: Any) -> bool:
    """An integral number (bools are not numbers here)."""
    return isinstance(value, int | float) and not isinstance(value, bool) \
        and float(value).is_integer()


def observation(profile: Mapping[str, Any]) -> Observation | None:
    """What identifies the published score a profile shows; None when unscored."""
    trust = profile.get("trust")
    if trust is None:
        return None
    return (str(profile["id"]), str(trust.get("scored_at")), trust.get("score"),
            trust.get("band"), trust.get("version"))


def _instant(text: Any) -> datetime | None:
    """An ISO date-time from the API, or None."""
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return None


def history_problems(seen: Observation, history: Sequence[Mapping[str, Any]],
                     runs: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Whether an observed score is one history entry of exactly one completed run."""
    author, scored_at, score, band_name, version = seen
    at = _instant(scored_at)
    entries = [h for h in history if at is not None and _instant(h.get("at")) == at]
    if len(entries) != 1:
        return [f"{author}: {len(entries)} published scores at {scored_at} (expected 1)"]
    entry = entries[0]
    problems = []
    if (entry.get("value"), entry.get("band"), entry.get("version")) != (score, band_name,
                                                                          version):
        problems.append(f"{author}: profile showed {score}/{band_name}/{version} at "
                        f"{scored_at}, the history has {entry.get('value')}/"
                        f"{entry.get('band')}/{entry.get('version')}")
    run = runs.get(str(entry.get("run_id")))
    if run is None or run.get("status") != "completed":
        status = None if run is None else run.get("status")
        problems.append(f"{author}: score of run {entry.get('run_id')} whose status is {status}")
    elif run.get("version") != version:
        problems.append(f"{author}: version {version} but run {run.get('id')} is "
                        f"{run.get('version')}")
    return problems
