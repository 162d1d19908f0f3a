"""The sign-in redirect guard and the profile's chart helpers (no database; the server-side
sessions and their CSRF tokens are tested against real stores in tests/integration/accounts)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.schemas.authors import Profile, ProfileCounts, Trust, TrustSignal
from service.schemas.scoring import HistoricScore, ScoreHistory
from service.web import views
from service.web.render import safe_next as _safe_next


@pytest.mark.parametrize(("given", "expected"), [
    ("/authors/researcher0", "/authors/researcher0"), (None, "/"), ("", "/"),
    ("https://evil.example/", "/"), ("//evil.example/x", "/"), ("/\\evil.example", "/"),
    ("relative", "/")])
def test_sign_in_only_returns_to_local_pages(given: str | None, expected: str) -> None:
    assert _safe_next(given) == expected


def test_breakdown_rows_and_history_points() -> None:
    trust = Trust(score=23, band="Emerging", scored_at=None, version="v1", breakdown={
        "publication": TrustSignal(raw={"works": 65}, weight=20, contribution=15),
        "anomaly": TrustSignal(weight=-15, contribution=0)})
    profile = Profile(id="a", name="A", claimed=False, trust=trust, verification=None,
                      counts=ProfileCounts(works=1, followers=0, topics=0,
                                           close_collaborators=0),
                      institutions=[], top_topics=[])
    rows = views.signal_rows(profile)
    assert rows[0] == {"key": "publication", "name": "Publication record", "contribution": "15",
                       "weight": "20", "percent": 75, "penalty": False, "penalised": False}
    # a penalty signal at zero is not shown as a penalty (it took nothing away)
    assert rows[1]["penalty"] and not rows[1]["penalised"] and rows[1]["percent"] == 0
    at = datetime(2025, 1, 1, tzinfo=UTC)
    history = ScoreHistory(author_id="a", history=[
        HistoricScore(run_id="2", value=50, band="Established", breakdown={}, at=at),
        HistoricScore(run_id="1", value=0, band="New", breakdown={}, at=at)])
    assert views.history_points(history) == "0.0,60.0 240.0,30.0"
    assert views.history_points(ScoreHistory(author_id="a", history=history.history[:1])) == ""
