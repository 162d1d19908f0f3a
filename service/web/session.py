"""The pages' sessions, kept server-side in the accounts store.

The cookie (HttpOnly, SameSite=Strict) holds only a random id; the store keeps its keyed
hash, the user, the token it was opened with (none when signed in by an e-mailed code: its
Caller has token_id None) and when it expires. Sign-out deletes the session, so a replayed
cookie is refused; revoking a token ends the sessions opened with it. The CSRF
token every page write must echo is derived from the id under the server key, so it needs
no storage and changes whenever the id does (at sign-in and sign-out)."""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from fastapi import Request, Response

from core.accounts import AccountsStore, people
from core.errors import Forbidden, Unauthorized
from core.settings import Settings
from service.auth import Caller, caller_of, now

COOKIE_NAME = "peergraph_session"
CSRF_HEADER = "X-CSRF-Token"
SESSION, CSRF = "session", "csrf"  # keyed-hash purposes
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{32,64}")


def _new_id() -> str:
    """A fresh random session id (256 bits)."""
    return secrets.token_urlsafe(32)


@dataclass
class WebSession:
    """The visitor's session id, and whether the cookie must be (re)set."""

    sid: str = field(default_factory=_new_id)
    changed: bool = False


def _store(request: Request) -> AccountsStore:
    """The app's accounts store."""
    store: AccountsStore = request.app.state.accounts
    return store


def load_session(request: Request) -> WebSession:
    """The request's session (cached on it); a new id when the cookie is absent or malformed."""
    cached = getattr(request.state, "web_session", None)
    if isinstance(cached, WebSession):
        return cached
    raw = request.cookies.get(COOKIE_NAME, "")
    session = WebSession(raw) if _SESSION_ID.fullmatch(raw) else WebSession(changed=True)
    request.state.web_session = session
    return session


def session_digest(request: Request, session: WebSession) -> str:
    """The keyed hash the store keeps of this session id (an ORCID sign-in is bound to it)."""
    return _store(request).digest(SESSION, session.sid)


def signed_in_caller(request: Request) -> Caller | None:
    """Who the session is signed in as (cached on the request), or None."""
    if hasattr(request.state, "web_caller"):
        cached: Caller | None = request.state.web_caller
        return cached
    store, session = _store(request), load_session(request)
    with store.read() as conn:
        row = people.session_caller(conn, store.digest(SESSION, session.sid), now())
    request.state.web_caller = caller_of(row) if row else None
    return request.state.web_caller


def save_session(request: Request, response: Response, session: WebSession) -> None:
    """Set the cookie when the session id is new or changed."""
    if not session.changed:
        return
    settings: Settings = request.app.state.settings
    secure = settings.session_cookie_secure
    if secure is None:
        secure = request.url.scheme == "https"
    response.set_cookie(COOKIE_NAME, session.sid, max_age=settings.session_max_age_s, path="/",
                        httponly=True, samesite="strict", secure=secure)


def sign_in(request: Request, session: WebSession, caller: Caller) -> None:
    """Open a session for the caller under a fresh id (one seen before sign-in is worthless);
    the session the browser had before ends."""
    store, settings = _store(request), request.app.state.settings
    previous = store.digest(SESSION, session.sid)
    session.sid, session.changed, started = _new_id(), True, now()
    with store.write() as conn:
        people.delete_session(conn, previous)
        people.delete_expired_sessions(conn, started)
        people.create_session(conn, store.digest(SESSION, session.sid), caller.user_id,
                              caller.token_id, started,
                              started + timedelta(seconds=settings.session_max_age_s))
    request.state.web_caller = caller


def sign_out(request: Request, session: WebSession) -> None:
    """Delete the session in the store and move to a fresh id."""
    store = _store(request)
    with store.write() as conn:
        people.delete_session(conn, store.digest(SESSION, session.sid))
    session.sid, session.changed = _new_id(), True
    request.state.web_caller = None


def csrf_token(request: Request, session: WebSession) -> str:
    """The CSRF token of this session id: a keyed hash, so only this server can make it."""
    return _store(request).digest(CSRF, session.sid)


def check_csrf(request: Request, session: WebSession, presented: str | None) -> None:
    """Refuse a page write whose CSRF token is missing or is not this session's."""
    expected = csrf_token(request, session).encode()
    if not presented or not hmac.compare_digest(presented.encode("utf-8", "replace"), expected):
        raise Forbidden("This form is out of date or did not come from this site (CSRF "
                        "check failed): reload the page and try again.")


def require_caller(request: Request) -> Caller:
    """The signed-in visitor, or Unauthorized asking them to sign in."""
    caller = signed_in_caller(request)
    if caller is None:
        raise Unauthorized("You are not signed in (or your sign-in has ended): use Sign in "
                           "at the top of the page, then try again.")
    return caller


def form_caller(request: Request, csrf_token: str) -> Caller:
    """The signed-in visitor of a page form, which must carry this session's CSRF token."""
    check_csrf(request, load_session(request), csrf_token)
    return require_caller(request)
