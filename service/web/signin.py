"""Signing in on the pages: by a one-time code e-mailed to the address (new addresses get an
account once the code is verified), or, for people who use the API, with one of their API
tokens; and signing out. (Signing in with ORCID is in web/orcid_signin.py.)"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from core.errors import PeergraphError, Unauthorized, UpstreamUnavailable
from service.auth import authenticate
from service.deps import AccountsDep, OutboxDep, SettingsDep
from service.identity import ratelimit
from service.identity import signin as codes
from service.orcid import orcid_configured
from service.web.render import caller_context, redirect, render, safe_next
from service.web.session import check_csrf, load_session, sign_in
from service.web.session import sign_out as end_session

router = APIRouter(tags=["web pages"], include_in_schema=False,
                   default_response_class=HTMLResponse)
Csrf = Annotated[str, Form(max_length=100)]
Next = Annotated[str, Form(max_length=1000)]
Email = Annotated[str, Form(max_length=320)]
# The page's own words where a service message is written for API clients or operators.
NOT_SENT = ("We could not send the e-mail just now. Nothing was changed: try again in a few "
            "minutes.")
BAD_TOKEN = ("That API token did not work: it may be mistyped, revoked or expired. Sign in "  # noqa: S105
             "with your e-mail address instead, then create a new token on the API tokens "
             "page.")


def _client(request: Request) -> str:
    """The client's address, which the per-network sign-in limit counts under."""
    return request.client.host if request.client else "unknown"


def signin_page(request: Request, step: str, next_page: str, status: int = 200,
                **context: Any) -> Response:
    """The sign-in page at a step: "address" (ask for a code, or sign in with ORCID where it
    is set up) or "code" (enter it)."""
    values = {"caller": None, "step": step, "next": safe_next(next_page), "error": None,
              "email": "", "sent_to": None,
              "orcid_available": orcid_configured(request.app.state.settings), **context}
    return render(request, "signin.html", values, status)


def _refused(request: Request, step: str, next_page: str, exc: PeergraphError, email: str,
             detail: str | None = None) -> Response:
    """The step again, saying why it failed (with the error's Retry-After, if any)."""
    response = signin_page(request, step, next_page, exc.status,
                           error=detail or exc.detail, email=email)
    response.headers.update(exc.headers or {})
    return response


@router.get("/signin")
def signin_form(request: Request,
                next: Annotated[str | None, Query(max_length=1000)] = None) -> Response:
    """The sign-in page: an e-mail address to send a code to."""
    return signin_page(request, "address", next or "/", **caller_context(request))


@router.post("/signin/code")
def send_code(request: Request, store: AccountsDep, settings: SettingsDep, outbox: OutboxDep,
              email: Email, csrf_token: Csrf, next: Next = "/") -> Response:
    """E-mail a code to the address; the same answer whether or not it has an account."""
    check_csrf(request, load_session(request), csrf_token)
    try:
        sent_to = codes.send_code(store, settings, outbox, email, _client(request))
    except PeergraphError as exc:
        return _refused(request, "address", next, exc, email.strip(),
                        NOT_SENT if isinstance(exc, UpstreamUnavailable) else None)
    return signin_page(request, "code", next, email=email.strip().lower(), sent_to=sent_to,
                       valid_for=ratelimit.minutes(settings.signin_code_ttl_s))


@router.post("/signin/verify")
def verify_code(request: Request, store: AccountsDep, settings: SettingsDep, email: Email,
                code: Annotated[str, Form(max_length=20)], csrf_token: Csrf,
                next: Next = "/") -> Response:
    """Check the code: signed in under a new session id, back where the visitor came from
    (a new account first asks for the name others see)."""
    session = load_session(request)
    check_csrf(request, session, csrf_token)
    try:
        signed_in = codes.verify_code(store, settings, email, code, _client(request))
    except PeergraphError as exc:
        return _refused(request, "code", next, exc, email.strip().lower())
    sign_in(request, session, signed_in.caller)
    to = safe_next(next)
    return redirect(request, session, f"/welcome?next={quote(to)}" if signed_in.created else to)


@router.post("/signin")
def signin_with_token(request: Request, store: AccountsDep,
                      token: Annotated[str, Form(max_length=200)], csrf_token: Csrf,
                      next: Next = "/") -> Response:
    """Sign in with an API token (revoking the token later ends this session)."""
    session = load_session(request)
    check_csrf(request, session, csrf_token)
    try:
        caller = authenticate(store, token.strip())
    except Unauthorized:
        return signin_page(request, "address", next, 401, token_error=BAD_TOKEN)
    sign_in(request, session, caller)
    return redirect(request, session, safe_next(next))


@router.post("/signout")
def signout(request: Request, csrf_token: Csrf) -> Response:
    """End the session (a replayed cookie is then refused); back to the start page."""
    session = load_session(request)
    check_csrf(request, session, csrf_token)
    end_session(request, session)
    return redirect(request, session, "/")
