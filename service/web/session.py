"""The pages' session: a signed, HttpOnly, SameSite=Strict cookie holding the visitor's API
token and a CSRF token; every write from a page must echo the CSRF token."""

from __future__ import annotations

import hmac
import logging
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from service.errors import Forbidden, Unauthorized
from service.settings import Settings

log = logging.getLogger("peergraph.web")

COOKIE_NAME = "peergraph_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


@dataclass
class WebSession:
    """What the cookie carries: the CSRF token always, the API token once signed in."""

    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    token: str | None = None
    changed: bool = False


@lru_cache(maxsize=1)
def _process_secret() -> str:
    """A random signing key for this process, used only when no session secret is set."""
    log.warning("PEERGRAPH_SESSION_SECRET is not set: web sign-ins last until this process "
                "stops (run `peergraph setup-env` to write one to .env).")
    return secrets.token_urlsafe(32)


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    """The cookie signer, keyed by the session secret."""
    key = (settings.session_secret.get_secret_value() if settings.session_secret
           else _process_secret())
    return URLSafeTimedSerializer(key, salt="peergraph.web.session")


def load_session(request: Request) -> WebSession:
    """The request's session (cached on it), or a new one when the cookie is absent or forged."""
    cached = getattr(request.state, "web_session", None)
    if isinstance(cached, WebSession):
        return cached
    settings: Settings = request.app.state.settings
    session = WebSession(changed=True)
    raw = request.cookies.get(COOKIE_NAME)
    if raw:
        try:
            data: dict[str, Any] = _serializer(settings).loads(
                raw, max_age=settings.session_max_age_s)
            session = WebSession(csrf=str(data["csrf"]), token=data.get("token"))
        except (BadSignature, KeyError, TypeError):
            pass  # expired or tampered with: start afresh, signed out
    request.state.web_session = session
    return session


def save_session(request: Request, response: Response, session: WebSession) -> None:
    """Set the cookie when the session is new or changed."""
    if not session.changed:
        return
    settings: Settings = request.app.state.settings
    secure = settings.session_cookie_secure
    if secure is None:
        secure = request.url.scheme == "https"
    value = _serializer(settings).dumps({"csrf": session.csrf, "token": session.token})
    response.set_cookie(COOKIE_NAME, value, max_age=settings.session_max_age_s, path="/",
                        httponly=True, samesite="strict", secure=secure)


def sign_in(session: WebSession, token: str) -> None:
    """Keep the token; a fresh CSRF token so one seen before sign-in is worthless after."""
    session.token, session.csrf, session.changed = token, secrets.token_urlsafe(24), True


def sign_out(session: WebSession) -> None:
    """Forget the token and rotate the CSRF token."""
    session.token, session.csrf, session.changed = None, secrets.token_urlsafe(24), True


def check_csrf(session: WebSession, presented: str | None) -> None:
    """Refuse a page write whose CSRF token is missing or is not this session's."""
    if not presented or not hmac.compare_digest(presented, session.csrf):
        raise Forbidden("This form is out of date or did not come from this site (CSRF "
                        "check failed): reload the page and try again.")


def require_token(session: WebSession) -> str:
    """The signed-in visitor's API token, or Unauthorized asking them to sign in."""
    if not session.token:
        raise Unauthorized("Sign in first (Sign in, at the top of the page, with an API "
                           "token).")
    return session.token
