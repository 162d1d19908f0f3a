"""Signing in with ORCID on the pages, and connecting an ORCID iD to the signed-in account:
the buttons (a 303 to ORCID's sign-in page) and the one callback ORCID sends the browser back
to, `GET /orcid/callback`, which also completes claims by ORCID (web/orcid_claim.py).

The callback needs the browser's session cookie, which browsers withhold on the redirect from
ORCID (a cross-site navigation, and the cookie is SameSite=Strict): a callback without it
first passes through a page of ours that opens the same URL again, now with the cookie."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from core.accounts import AccountsStore
from core.errors import InvalidParameter, PeergraphError, Unauthorized
from core.settings import Settings
from service.auth import Caller
from service.deps import AccountsDep, GraphDep, OrcidDep, SettingsDep
from service.identity import orcid_signin
from service.identity.orcid_signin import LINK, SIGNIN, Pending
from service.orcid import OrcidClient, OrcidIdentity, orcid_configured
from service.web import orcid_claim
from service.web.render import caller_context, continue_page, redirect, render, safe_next
from service.web.session import (
    check_csrf,
    load_session,
    require_caller,
    session_digest,
    sign_in,
    signed_in_caller,
)
from service.web.signin import signin_page

router = APIRouter(tags=["web pages"], include_in_schema=False,
                   default_response_class=HTMLResponse)
Csrf = Annotated[str, Form(max_length=100)]
Next = Annotated[str, Form(max_length=1000)]
LONGEST = 512  # longer state or code values than this are none ORCID sent
NOT_CONNECTED = "ORCID iD not connected"
UNKNOWN = ("This ORCID sign-in is not one we are waiting for (it may have been used already "
           "or be too old), so nothing was changed: start again.")
SIGNED_OUT = ("Your sign-in ended before ORCID answered, so your ORCID iD was not connected: "
              "sign in, then connect it again.")


def link_context(request: Request, caller: Caller) -> dict[str, Any]:
    """What a page needs to offer "Connect your ORCID iD" (the orcid_connect macro): the
    account's iD, and whether it can connect one here."""
    settings: Settings = request.app.state.settings
    return {"orcid": caller.orcid,
            "linkable": caller.orcid is None and orcid_configured(settings)}


def _client(request: Request) -> str:
    """The client's address, which the per-network sign-in limit counts under."""
    return request.client.host if request.client else "unknown"


def _to_orcid(request: Request, store: AccountsStore, settings: Settings, orcid: OrcidClient,
              purpose: str, next_page: str) -> Response:
    """A 303 to ORCID's sign-in page, with a new state bound to this browser's session."""
    url = orcid_signin.begin(store, settings, orcid, session_digest(request,
                                                                    load_session(request)),
                             purpose, safe_next(next_page), _client(request))
    return RedirectResponse(url, status_code=303)


def _signin_again(request: Request, next_page: str, exc: PeergraphError) -> Response:
    """The sign-in page, saying why signing in with ORCID did not happen."""
    response = signin_page(request, "address", next_page, exc.status, error=exc.detail,
                           **caller_context(request))
    response.headers.update(exc.headers or {})
    return response


def _not_connected(request: Request, next_page: str, exc: PeergraphError) -> Response:
    """The page saying why the iD was not connected, with the way back."""
    response = render(request, "error.html", {
        "caller": signed_in_caller(request), "title": NOT_CONNECTED, "detail": exc.detail,
        "back": safe_next(next_page), "back_label": "Go back"}, exc.status)
    response.headers.update(exc.headers or {})
    return response


@router.post("/signin/orcid")
def start_signin(request: Request, store: AccountsDep, settings: SettingsDep,
                 orcid: OrcidDep, csrf_token: Csrf, next: Next = "/") -> Response:
    """Sign in with ORCID: to ORCID's sign-in page, and back at the callback."""
    check_csrf(request, load_session(request), csrf_token)
    try:
        return _to_orcid(request, store, settings, orcid, SIGNIN, next)
    except PeergraphError as exc:
        return _signin_again(request, next, exc)


@router.post("/orcid/link")
def start_link(request: Request, store: AccountsDep, settings: SettingsDep, orcid: OrcidDep,
               csrf_token: Csrf, next: Next = "/") -> Response:
    """Connect an ORCID iD to the signed-in account: the same trip to ORCID."""
    check_csrf(request, load_session(request), csrf_token)
    if require_caller(request).orcid is not None:  # a page from before it was connected
        return redirect(request, load_session(request), safe_next(next))
    try:
        return _to_orcid(request, store, settings, orcid, LINK, next)
    except PeergraphError as exc:
        return _not_connected(request, next, exc)


@router.get("/orcid/callback")
def orcid_callback(request: Request, store: AccountsDep, graph: GraphDep,
                   settings: SettingsDep, orcid: OrcidDep, state: str | None = None,
                   code: str | None = None, error: str | None = None,
                   returned: str | None = None) -> Response:
    """Where ORCID sends the browser back: a sign-in, a connected iD, or a claim."""
    session = load_session(request)
    if session.changed and returned is None:  # no cookie came: see the module's docstring
        again = urlencode({**request.query_params, "returned": "1"})
        return continue_page(request, f"/orcid/callback?{again}")
    code = code if code and len(code) <= LONGEST else None
    if state and len(state) <= LONGEST:
        pending = orcid_signin.take(store, state, session_digest(request, session))
        if pending is not None:
            return _finish(request, store, orcid, pending, code, error)
        claimed = orcid_claim.complete(request, graph, settings, store, orcid, state, code,
                                       error)
        if claimed is not None:
            return claimed
    return _signin_again(request, "/", InvalidParameter(UNKNOWN))  # no one's state


def _finish(request: Request, store: AccountsStore, orcid: OrcidClient, pending: Pending,
            code: str | None, error: str | None) -> Response:
    """Sign in (a new iD's account first goes to the welcome step) or connect the iD; or the
    page saying why not, with nothing changed."""
    session = load_session(request)
    caller = signed_in_caller(request)
    try:
        if pending.refusal is not None:
            raise pending.refusal
        if pending.purpose == LINK and caller is None:
            raise Unauthorized(SIGNED_OUT)
        identity = orcid_signin.identify(orcid, code, error)
        if pending.purpose == LINK:
            assert caller is not None
            return _link(request, store, caller, pending, identity)
        signed_in = orcid_signin.sign_in_with(store, identity)
    except PeergraphError as exc:
        if pending.purpose == SIGNIN:
            return _signin_again(request, pending.next, exc)
        return _not_connected(request, pending.next, exc)
    sign_in(request, session, signed_in.caller)
    to = safe_next(pending.next)
    return redirect(request, session, f"/welcome?next={quote(to)}" if signed_in.created else to)


def _link(request: Request, store: AccountsStore, caller: Caller, pending: Pending,
          identity: OrcidIdentity) -> Response:
    """Put the iD on the signed-in account, then back to the page the person came from."""
    orcid_signin.link(store, caller, identity)
    return redirect(request, load_session(request), safe_next(pending.next))
