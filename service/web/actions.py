"""The profile page's own writes (follow, claim, invite), for the signed-in visitor.

Each checks the session's CSRF token (header X-CSRF-Token), takes the API token from the
HttpOnly session cookie, and runs the very service functions behind the JSON API's routes, so the
rules, the audit trail and the answers (problem+json on failure) are the API's."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request, status

from core.accounts import AccountsStore
from core.errors import Conflict, Forbidden, InvalidParameter, PeergraphError
from core.graph import Graph
from service.auth import Caller
from service.deps import AccountsDep, GraphDep, OrcidDep, OutboxDep, SettingsDep
from service.identity import claiming, follows, invitations, verify
from service.identity.rescore import rescore_if_granted
from service.identity.store import read_rows
from service.schemas.identity import (
    ClaimCreate,
    ClaimResult,
    ClaimStarted,
    ClaimVerify,
    FollowState,
    InvitationCreate,
    InvitationOut,
)
from service.web import views
from service.web.session import CSRF_HEADER, check_csrf, load_session, require_caller

router = APIRouter(prefix="/web", tags=["web pages"], include_in_schema=False)


def page_caller(request: Request,
                csrf: Annotated[str | None, Header(alias=CSRF_HEADER, max_length=100)] = None
                ) -> Caller:
    """The signed-in visitor of a page write; refused without this session's CSRF token."""
    check_csrf(request, load_session(request), csrf)
    return require_caller(request)


PageCaller = Annotated[Caller, Depends(page_caller)]
AuthorId = Annotated[str, Path(max_length=512)]


@router.put("/authors/{author_id}/follow")
def follow(author_id: AuthorId, caller: PageCaller, graph: GraphDep,
           store: AccountsDep) -> FollowState:
    """Follow the author."""
    return FollowState(**follows.set_follow(graph, store, caller, author_id, True))


@router.delete("/authors/{author_id}/follow")
def unfollow(author_id: AuthorId, caller: PageCaller, graph: GraphDep,
             store: AccountsDep) -> FollowState:
    """Stop following the author."""
    return FollowState(**follows.set_follow(graph, store, caller, author_id, False))


@router.post("/authors/{author_id}/claims", status_code=status.HTTP_201_CREATED)
def start_claim(request: Request, author_id: AuthorId, body: ClaimCreate, caller: PageCaller,
                graph: GraphDep, settings: SettingsDep, store: AccountsDep, outbox: OutboxDep,
                orcid: OrcidDep) -> ClaimStarted:
    """Start a claim of the record by the route the visitor chose."""
    started = claiming.begin(graph, settings, store, caller, author_id, body.request(),
                             outbox=outbox, orcid=orcid)
    rescore_if_granted(request, started.claim)  # granted at once by the account's ORCID iD
    return ClaimStarted.of(started)


@router.post("/claims/{claim_id}/verify")
def verify_claim(request: Request, claim_id: Annotated[str, Path(max_length=64)],
                 body: ClaimVerify, caller: PageCaller, graph: GraphDep, settings: SettingsDep,
                 store: AccountsDep, orcid: OrcidDep) -> ClaimResult:
    """Complete the claim with the e-mailed code; the record's score is recomputed after."""
    claim, detail = verify.verify_claim(graph, settings, store, caller, claim_id, body.code,
                                        orcid)
    rescore_if_granted(request, claim)
    return ClaimResult.of(claim, detail)


@router.post("/invitations", status_code=status.HTTP_201_CREATED)
def send_invitation(body: InvitationCreate, caller: PageCaller, graph: GraphDep,
                    store: AccountsDep) -> InvitationOut:
    """Invite the holder of another claimed record, from the visitor's own."""
    refusal = _invite_refusal(graph, store, caller, body.to_author_id)
    if refusal is not None:
        raise refusal
    return InvitationOut(**invitations.send(graph, store, caller, body.to_author_id,
                                            body.message, body.from_author_id))


def _invite_refusal(graph: Graph, store: AccountsStore, caller: Caller,
                    to_author: str) -> PeergraphError | None:
    """What stands in the way of the invitation, said as the profile page says it (the
    service checks the same rules again); None for an id it must resolve itself."""
    names = read_rows(graph, "authors/list_names", ids=[to_author])
    viewer = views.viewer_of(graph, store, caller, to_author)
    if not names or viewer.invite == "open":
        return None
    if viewer.invite == "own":
        return InvalidParameter("This is your own record: you cannot invite yourself.")
    reasons = " ".join(views.invite_reasons(viewer, names[0]["name"] or to_author))
    return Conflict(reasons) if viewer.invite == "pending" else Forbidden(reasons)
