"""What every page handler shares: rendering with the session's CSRF token and the security
headers, the local-only return path after sign-in, redirects that carry the cookie, and the
page that sends the browser on without touching it."""

from __future__ import annotations

import logging
from pathlib import Path as FilePath
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from core.accounts import AccountsStore, records
from core.settings import Settings
from service.auth import Caller
from service.orcid import orcid_configured
from service.web.session import WebSession, load_session, save_session, signed_in_caller
from service.web.session import csrf_token as csrf_of

log = logging.getLogger("peergraph")

TEMPLATES = Jinja2Templates(directory=FilePath(__file__).resolve().parent / "templates")
# Only this site: no CDN, no fonts, no analytics; scripts and styles from files only. The
# hash admits the one fixed rule Cytoscape.js injects (`.__________cytoscape_container
# { position: relative; }`), which app.css also sets, so a changed rule only costs a warning.
CYTOSCAPE_STYLE_HASH = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
CSP = ("default-src 'self'; script-src 'self'; "
       f"style-src 'self' {CYTOSCAPE_STYLE_HASH}; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'none'")


def render(request: Request, name: str, context: dict[str, Any], status: int = 200,
           csp: dict[str, str] | None = None) -> Response:
    """A page with the session's CSRF token and the signed-in user; sets the cookie.

    `csp` adds sources to the page's policy, by directive (Redoc's nonce, hashes, worker)."""
    session = load_session(request)
    header = {"csrf": csrf_of(request, session),
              "pending_invitations": waiting_invitations(request, context.get("caller"))}
    response = TEMPLATES.TemplateResponse(request, name, {**header, **context},
                                          status_code=status)
    save_session(request, response, session)
    return _hardened(request, response, csp)


def _policy(request: Request, csp: dict[str, str] | None = None) -> str:
    """The page's CSP: forms may also lead to ORCID's sign-in page, where the ORCID buttons'
    own 303 goes (browsers hold a form's redirects to form-action too)."""
    settings: Settings = request.app.state.settings
    policy = CSP
    for directive, sources in (csp or {}).items():
        policy = _extended(policy, directive, sources)
    if not orcid_configured(settings):
        return policy
    orcid = urlsplit(settings.orcid_authorize_url)
    return policy.replace("form-action 'self'", f"form-action 'self' {orcid.scheme}://"
                                                f"{orcid.netloc}")


def _extended(policy: str, directive: str, sources: str) -> str:
    """The policy with sources added to one directive (the directive added if absent)."""
    parts = [part.strip() for part in policy.split(";")]
    for i, part in enumerate(parts):
        if part.split(" ", 1)[0] == directive:
            parts[i] = f"{part} {sources}"
            return "; ".join(parts)
    return "; ".join([*parts, f"{directive} {sources}"])


def _hardened(request: Request, response: Response,
              csp: dict[str, str] | None = None) -> Response:
    """The security headers every page carries."""
    response.headers["Content-Security-Policy"] = _policy(request, csp)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"  # pages show the visitor's own state
    return response


def waiting_invitations(request: Request, caller: Caller | None) -> int:
    """How many invitations wait for the signed-in visitor's answer (0 when signed out), for
    the header; a failure to count is logged and shows no count rather than no page."""
    if caller is None:
        return 0
    store: AccountsStore = request.app.state.accounts
    try:
        with store.read() as conn:
            return records.count_pending_to_holder(conn, caller.user_id)
    except Exception:
        log.warning("could not count the invitations waiting for a user", exc_info=True)
        return 0


def signed_in_or_redirect(request: Request) -> Caller | Response:
    """The signed-in visitor, or a redirect to sign in and come back to this page."""
    caller = signed_in_caller(request)
    if caller is not None:
        return caller
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return redirect(request, load_session(request), f"/signin?next={quote(target)}")


def continue_page(request: Request, to: str) -> Response:
    """A page that sends the browser on to a local URL at once, setting no cookie.

    A redirect back from another site (ORCID) is a cross-site navigation, on which browsers
    withhold our SameSite=Strict session cookie; the same URL opened from our own page
    carries it. No cookie is set here, so the one the browser holds is not replaced."""
    response = TEMPLATES.TemplateResponse(request, "continue.html",
                                          {"csrf": "", "caller": None, "to": to})
    return _hardened(request, response)


def caller_context(request: Request) -> dict[str, Any]:
    """Who is signed in, for the header."""
    return {"caller": signed_in_caller(request)}


def safe_next(target: str | None) -> str:
    """A local path to go back to after signing in; anything else becomes `/`."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    parts = urlsplit(target)
    return "/" if parts.scheme or parts.netloc or "\\" in target else target


def redirect(request: Request, session: WebSession, to: str) -> Response:
    """A 303 to a local page, carrying the updated session cookie."""
    response = RedirectResponse(to, status_code=303)
    save_session(request, response, session)
    return response
