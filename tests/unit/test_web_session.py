"""The web pages' session cookie, CSRF check, redirect guard and chart helpers (no database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi import FastAPI, Request, Response
from fastapi.testclient import TestClient
from pydantic import SecretStr

from service.errors import Forbidden, Unauthorized
from service.routers.pages import _safe_next
from service.routers.scoring import HistoricScore, ScoreHistory
from service.schemas.authors import Profile, ProfileCounts, Trust, TrustSignal
from service.settings import Settings
from service.web import views
from service.web.session import (
    COOKIE_NAME,
    WebSession,
    check_csrf,
    load_session,
    require_token,
    save_session,
    sign_in,
)


def _app(secret: str) -> FastAPI:
    """A tiny app that signs in on /in and reports the session on /me."""
    app = FastAPI()
    app.state.settings = Settings(_env_file=None, session_secret=SecretStr(secret))  # type: ignore[call-arg]

    @app.get("/in")
    def signin(request: Request) -> Response:
        session = load_session(request)
        sign_in(session, "pg_secret")
        response = Response("ok")
        save_session(request, response, session)
        return response

    @app.get("/me")
    def me(request: Request) -> dict[str, str | None]:
        session = load_session(request)
        return {"token": session.token, "csrf": session.csrf}

    return app


def test_the_cookie_is_signed_http_only_and_strict() -> None:
    client = TestClient(_app("one-secret"))
    response = client.get("/in")
    header = response.headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=strict" in header and "secure" not in header
    assert client.get("/me").json()["token"] == "pg_secret"


def test_a_cookie_signed_with_another_key_is_ignored() -> None:
    forged = TestClient(_app("attacker")).get("/in").cookies[COOKIE_NAME]
    client = TestClient(_app("the-real-key"))
    client.cookies.set(COOKIE_NAME, forged)
    assert client.get("/me").json()["token"] is None


def test_csrf_must_match_the_session() -> None:
    session = WebSession()
    check_csrf(session, session.csrf)
    for wrong in (None, "", session.csrf + "x"):
        with pytest.raises(Forbidden, match="CSRF"):
            check_csrf(session, wrong)


def test_signing_in_rotates_the_csrf_token_and_writes_need_a_token() -> None:
    session = WebSession()
    before = session.csrf
    with pytest.raises(Unauthorized):
        require_token(session)
    sign_in(session, "pg_x")
    assert session.csrf != before and require_token(session) == "pg_x"


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
                       "weight": "20", "percent": 75, "penalty": False}
    assert rows[1]["penalty"] and rows[1]["percent"] == 0
    at = datetime(2025, 1, 1, tzinfo=UTC)
    history = ScoreHistory(author_id="a", history=[
        HistoricScore(run_id="2", value=50, band="Established", breakdown={}, at=at),
        HistoricScore(run_id="1", value=0, band="New", breakdown={}, at=at)])
    assert views.history_points(history) == "0.0,60.0 240.0,30.0"
    assert views.history_points(ScoreHistory(author_id="a", history=history.history[:1])) == ""
