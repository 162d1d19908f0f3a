"""The signed-in person's account page (who they are, their records, where each of their
claims stands) and the admins' review queue, where claims in review and disputes are
approved or rejected with a reason."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from core.accounts import claims as claim_rows
from core.accounts import people
from core.errors import Forbidden, PeergraphError
from service.auth import Caller
from service.deps import AccountsDep, GraphDep, OutboxDep
from service.identity import review
from service.identity.rescore import rescore_if_granted
from service.identity.store import read_rows
from service.web.claim_states import state_of
from service.web.orcid_signin import link_context
from service.web.render import redirect, render, signed_in_or_redirect
from service.web.session import form_caller, load_session

router = APIRouter(tags=["web pages"], include_in_schema=False,
                   default_response_class=HTMLResponse)
CLAIMS_SHOWN = 100
NOT_ADMIN = ("This page is for Peergraph's admins, who review claims. If you should be one, "
             "ask an admin to give your account admin rights.")


@router.get("/account")
def account(request: Request, graph: GraphDep, store: AccountsDep) -> Response:
    """Who the visitor is, the records they hold, and every claim they made with its state."""
    caller = signed_in_or_redirect(request)
    if isinstance(caller, Response):
        return caller
    with store.read() as conn:
        user = people.get_user(conn, caller.user_id) or {}
        claims = claim_rows.list_claims(conn, caller.user_id, None, 0, CLAIMS_SHOWN)
        waiting = (sum(not claim_rows.lapsed(c) for c in
                       claim_rows.list_claims(conn, None, "review", 0, review.QUEUE_SIZE))
                   if caller.is_admin else 0)
    names = _record_names(graph, [c["author_id"] for c in claims])
    rows = [{**c, "name": names.get(c["author_id"]), "state": state_of(c)} for c in claims]
    return render(request, "account.html", {
        "caller": caller, "user": user, "claims": rows, "waiting": waiting,
        "orcid": link_context(request, caller),
        "records": [r for r in rows if r["status"] == "verified"]})


def _record_names(graph: GraphDep, author_ids: list[str]) -> dict[str, str]:
    """The names of the author records the claims are about."""
    rows = read_rows(graph, "claims/list_claim_records", author_ids=sorted(set(author_ids)))
    return {r["id"]: r["name"] or r["id"] for r in rows}


def _admin_or_response(request: Request) -> Caller | Response:
    """The signed-in admin; else a redirect to sign in, or a 403 page that says why."""
    caller = signed_in_or_redirect(request)
    if isinstance(caller, Response) or caller.is_admin:
        return caller
    return render(request, "error.html", {"caller": caller, "title": "Admins only",
                                          "detail": NOT_ADMIN}, 403)


@router.get("/admin/claims")
def review_queue(request: Request, graph: GraphDep, store: AccountsDep,
                 decided: Annotated[str | None, Query(max_length=64)] = None) -> Response:
    """Claims waiting for an admin: the evidence beside the record it is judged against."""
    admin = _admin_or_response(request)
    if isinstance(admin, Response):
        return admin
    return _queue_page(request, graph, store, admin, _decided_notice(store, decided))


def _queue_page(request: Request, graph: GraphDep, store: AccountsDep, admin: Caller,
                notice: dict[str, Any] | None, status: int = 200) -> Response:
    """The queue, with what the last decision left to say."""
    return render(request, "review_queue.html", {"caller": admin, "notice": notice,
                                                 "items": review.queue(graph, store)}, status)


def _decided_notice(store: AccountsDep, claim_id: str | None) -> dict[str, Any] | None:
    """What the decision just taken on a claim did, for the notice above the queue."""
    if not claim_id:
        return None
    with store.read() as conn:
        claim = claim_rows.get_claim(conn, claim_id)
    if claim is None:
        return None
    return {"kind": "ok", "text": f"Done: that claim is now “{state_of(claim)['label']}”; "
                                  "the claimant has been told."}


@router.post("/admin/claims/{claim_id}")
def decide(request: Request, graph: GraphDep, store: AccountsDep, outbox: OutboxDep,
           claim_id: Annotated[str, Path(max_length=64)],
           csrf_token: Annotated[str, Form(max_length=100)],
           decision: Annotated[str, Form(pattern="^(approve|reject)$")],
           reason: Annotated[str, Form(max_length=2000)] = "",
           affiliation_checked: Annotated[bool, Form()] = False) -> Response:
    """Approve or reject a claim; back to the queue, which says what happened."""
    admin = form_caller(request, csrf_token)
    if not admin.is_admin:
        raise Forbidden(NOT_ADMIN)
    try:
        claim, _ = review.decide(graph, store, admin, claim_id, decision, reason,
                                 affiliation_checked, outbox)
    except PeergraphError as exc:
        return _queue_page(request, graph, store, admin,
                           {"kind": "error", "text": exc.detail, "claim_id": claim_id},
                           exc.status)
    rescore_if_granted(request, claim)
    return redirect(request, load_session(request), f"/admin/claims?decided={claim_id}")
