"""Completing a claim by ORCID when ORCID sends the browser back to the pages' callback: the
API callback's checks (the claim's state, single use; the claimant's own browser; the iD on
the record), then the author's page, or a page saying in plain words why not."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import Response

from core.accounts import AccountsStore
from core.errors import (
    Conflict,
    Forbidden,
    InvalidParameter,
    NotFound,
    PeergraphError,
    RateLimited,
    UpstreamUnavailable,
)
from core.graph import Graph
from core.settings import Settings
from service.identity import verify
from service.identity.rescore import rescore_if_granted
from service.orcid import OrcidClient
from service.web.render import redirect, render
from service.web.session import load_session, signed_in_caller

NOT_VERIFIED = "Claim not verified"
AGAIN = "start the claim again from the author's page"
ELSEWHERE = ("This ORCID sign-in did not come back to the browser and account that started "
             "the claim (or the API token the claim was started with has ended), so the claim "
             "was not verified and nothing was changed. Sign in here as the account that "
             f"claims the record, then {AGAIN}.")
DENIED = ("You chose not to share your ORCID iD with Peergraph, so the claim was not "
          f"verified: to claim with ORCID, {AGAIN} and allow access when ORCID asks.")
NOT_DONE = f"ORCID did not finish the sign-in, so the claim was not verified: {AGAIN}."
# What each failure of the claim's check means for the claimant (verify.py's own messages
# are written for API clients).
WORDS: tuple[tuple[type[PeergraphError], str], ...] = (
    (Forbidden, "The ORCID iD you signed in with is not the one on this author's record, so "
                "the claim was not verified. If the record is yours, start the claim again "
                "and sign in at ORCID with the iD the record shows, or claim it by e-mail."),
    (Conflict, "This claim was already completed, or is being completed just now: look at "
               "the author's page to see who holds the record."),
    (RateLimited, "This claim has had too many failed tries, so it cannot be verified now: "
                  "wait a while, then start a new claim from the author's page."),
    (UpstreamUnavailable, f"ORCID did not answer just now, so the claim was not verified: "
                          f"in a few minutes, {AGAIN}."),
    (PeergraphError, "ORCID did not confirm this sign-in, or the claim expired first, so the "
                     f"claim was not verified: {AGAIN}."),
)


def complete(request: Request, graph: Graph, settings: Settings, store: AccountsStore,
             orcid: OrcidClient, state: str, code: str | None,
             error: str | None) -> Response | None:
    """Complete the claim waiting for this state, then its author's page (or why not); None
    when no claim waits for it."""
    try:
        claim_id, caller = verify.state_owner(store, state, signed_in_caller(request))
    except NotFound:
        return None
    except PeergraphError as exc:  # another browser or account, or the claim's token ended
        return _failed(request, exc.status, ELSEWHERE, None)
    author = verify.claim_for(store, caller, claim_id)["author_id"]
    if error == "access_denied":
        return _failed(request, Forbidden.status, DENIED, author)
    if error or not code:
        return _failed(request, InvalidParameter.status, NOT_DONE, author)
    try:
        claim, _ = verify.verify_claim(graph, settings, store, caller, claim_id, code, orcid)
    except PeergraphError as exc:
        words = next(w for kind, w in WORDS if isinstance(exc, kind))
        return _failed(request, exc.status, words, author, exc.headers)
    rescore_if_granted(request, claim)
    return redirect(request, load_session(request), f"/authors/{quote(author)}")


def _failed(request: Request, status: int, detail: str, author: str | None,
            headers: dict[str, str] | None = None) -> Response:
    """The page saying why the claim was not verified, with the way back to its author."""
    back = f"/authors/{quote(author)}" if author else None
    response = render(request, "error.html", {
        "caller": signed_in_caller(request), "title": NOT_VERIFIED, "detail": detail,
        "back": back, "back_label": "Back to the author's page"}, status)
    response.headers.update(headers or {})
    return response
