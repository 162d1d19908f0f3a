"""The signed-in person's own pages: the welcome step of a new account (the name others
see, and connecting an ORCID iD), and "API tokens" (list, create — the secret shown once —
and revoke)."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from core.errors import PeergraphError, RateLimited
from core.settings import Settings
from service.auth import Caller, now
from service.deps import AccountsDep, SettingsDep
from service.identity import accounts, ratelimit, signin
from service.web.orcid_signin import link_context
from service.web.render import redirect, render, safe_next, signed_in_or_redirect
from service.web.session import form_caller, load_session

router = APIRouter(tags=["web pages"], include_in_schema=False,
                   default_response_class=HTMLResponse)
Csrf = Annotated[str, Form(max_length=100)]
LIFETIMES = (30, 90, 365)  # days a page offers for a new token
SENT_TWICE = ("This form was already sent, so no second token was made. The token it "
              "created is listed below; its secret is shown only once. If you did not copy "
              "it, revoke that token and create a new one.")


@router.get("/welcome")
def welcome(request: Request,
            next: Annotated[str | None, Query(max_length=1000)] = None) -> Response:
    """A new account's first page: the name others will see, which the person may change."""
    caller = signed_in_or_redirect(request)
    if isinstance(caller, Response):
        return caller
    return render(request, "welcome.html", {"caller": caller, "next": safe_next(next),
                                            "error": None,
                                            "orcid": link_context(request, caller)})


@router.post("/welcome")
def set_name(request: Request, store: AccountsDep, csrf_token: Csrf,
             display_name: Annotated[str, Form(max_length=400)],
             next: Annotated[str, Form(max_length=1000)] = "/") -> Response:
    """Keep the name and go on to the page the person came for."""
    caller = form_caller(request, csrf_token)
    try:
        signin.rename(store, caller, display_name)
    except PeergraphError as exc:
        return render(request, "welcome.html", {"caller": caller, "next": safe_next(next),
                                                "error": exc.detail,
                                                "orcid": link_context(request, caller)},
                      exc.status)
    return redirect(request, load_session(request), safe_next(next))


def _tokens_page(request: Request, store: Any, settings: Settings, caller: Caller,
                 status: int = 200, **context: Any) -> Response:
    """The API tokens page, with whatever the last action left to show."""
    days = [d for d in LIFETIMES if d <= settings.token_max_ttl_days]
    return render(request, "tokens.html", {
        "caller": caller, "tokens": accounts.list_tokens(store, caller.user_id),
        "lifetimes": days, "default_days": min(settings.token_ttl_days, days[-1]),
        "created": None, "secret": None, "error": None, "now": now(),
        "form_id": secrets.token_urlsafe(16), **context}, status)


@router.get("/account/tokens")
def tokens(request: Request, store: AccountsDep, settings: SettingsDep) -> Response:
    """The visitor's API tokens."""
    caller = signed_in_or_redirect(request)
    if isinstance(caller, Response):
        return caller
    return _tokens_page(request, store, settings, caller)


@router.post("/account/tokens")
def create_token(request: Request, store: AccountsDep, settings: SettingsDep,
                 csrf_token: Csrf, form_id: Annotated[str, Form(max_length=64)],
                 name: Annotated[str, Form(max_length=200)] = "",
                 days: Annotated[int, Form(ge=1, le=3650)] = 90) -> Response:
    """Create a token and show its secret this once; the same form sent again (a reload)
    makes no second one."""
    caller = form_caller(request, csrf_token)
    try:
        ratelimit.hit(store, settings, f"token-form:{store.digest('token-form', form_id)}",
                      1, "tokens from one form")
    except RateLimited:
        return _tokens_page(request, store, settings, caller, 409, error=SENT_TWICE)
    try:
        token, secret = accounts.new_token(store, settings, caller, None,
                                           min(days, settings.token_max_ttl_days),
                                           name.strip() or None)
    except PeergraphError as exc:
        return _tokens_page(request, store, settings, caller, exc.status, error=exc.detail)
    return _tokens_page(request, store, settings, caller, 201, created=token, secret=secret)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(request: Request, store: AccountsDep, csrf_token: Csrf,
                 token_id: Annotated[str, Path(max_length=64)]) -> Response:
    """Revoke one of the visitor's tokens (a session opened with it ends too)."""
    caller = form_caller(request, csrf_token)
    accounts.revoke_token(store, caller, token_id)
    return redirect(request, load_session(request), "/account/tokens")
