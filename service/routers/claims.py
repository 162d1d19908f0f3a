"""Claims of author records: start (e-mail code or ORCID), verify, the ORCID callback, and
the admins' resolution of disputes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, status
from fastapi.responses import RedirectResponse, Response

from core.accounts import claims as claim_rows
from core.errors import InvalidParameter
from service.auth import AdminUser, CurrentUser
from service.deps import AccountsDep, GraphDep, OrcidDep, OutboxDep, SettingsDep
from service.identity import claim_routes, claiming, claims, orcid_signin, review, verify
from service.identity.rescore import rescore_if_granted
from service.schemas.identity import (
    ClaimCreate,
    ClaimList,
    ClaimOut,
    ClaimResolve,
    ClaimResult,
    ClaimReview,
    ClaimRouteOut,
    ClaimRoutes,
    ClaimStarted,
    ClaimVerify,
)
from service.schemas.problem import identity_responses as responses
from service.web.session import signed_in_caller

router = APIRouter(tags=["claims"],
                   responses=responses(401, 403, 404, 422, 429, 503))

ClaimId = Annotated[str, Path(max_length=64, examples=["clm_0a1b2c3d4e5f60718293"])]


@router.post("/authors/{author_id:path}/claims", status_code=status.HTTP_201_CREATED,
             responses=responses(502))
def start_claim(request: Request,
                author_id: Annotated[str, Path(max_length=512, examples=["researcher0"])],
                body: ClaimCreate, caller: CurrentUser, graph: GraphDep,
                settings: SettingsDep, store: AccountsDep, outbox: OutboxDep,
                orcid: OrcidDep) -> ClaimStarted:
    """Claim an author record as yours.

    `email`: a one-time code goes to an address on the record (or yours at an affiliated
    institution's domain, which also confirms the affiliation: L3). `orcid`: sign in at
    ORCID with the record's iD (done at once when your account's verified iD is the
    record's). `review`: give `evidence`; an admin approves or rejects it. If someone else
    holds the record, a verified claim opens a dispute for an admin; it never takes the
    record over. `GET /authors/{id}/claim-routes` says which routes the record allows."""
    started = claiming.begin(graph, settings, store, caller, author_id, body.request(),
                             outbox=outbox, orcid=orcid)
    rescore_if_granted(request, started.claim)  # granted at once by the account's ORCID iD
    return ClaimStarted.of(started)


@router.get("/claims")
def list_claims(caller: CurrentUser, store: AccountsDep,
                status_: Annotated[str | None, Query(alias="status", max_length=20)] = None,
                everyone: Annotated[bool, Query(description="admins: all users' claims")]
                = False,
                limit: Annotated[int, Query(ge=1, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> ClaimList:
    """Your claims, newest first; admins pass everyone=true (e.g. with status=disputed)."""
    if everyone and not caller.is_admin:
        raise InvalidParameter("everyone=true is for admins; leave it out to see your claims.")
    with store.read() as conn:
        rows = claim_rows.list_claims(conn, None if everyone else caller.user_id, status_,
                                      offset, limit)
    return ClaimList(claims=[ClaimOut(**row) for row in rows])


# Before /claims/{claim_id}, which would otherwise take `orcid` for an id.
@router.get("/claims/orcid/callback", response_model=ClaimResult, responses=responses(502))
def orcid_callback(request: Request, graph: GraphDep, settings: SettingsDep,
                   store: AccountsDep, orcid: OrcidDep,
                   state: Annotated[str, Query(min_length=1, max_length=512)],
                   code: Annotated[str | None, Query(max_length=512)] = None,
                   error: Annotated[str | None, Query(max_length=200)] = None
                   ) -> ClaimResult | Response:
    """Where ORCID sends the browser back: the code is exchanged, the iD compared.

    The `state` (given only to the claimant, single use, stored as a keyed hash) names the
    claim; the browser must be signed in to the pages as the claim's user, and the token
    that started the claim must still be valid. (The pages' `/orcid/callback` does the same
    and is the default redirect URI; a page sign-in's state that comes here goes on there.)"""
    if orcid_signin.is_waiting(store, state):  # this redirect URI is still the app's
        return RedirectResponse(f"/orcid/callback?{request.url.query}", status_code=303)
    claim_id, caller = verify.state_owner(store, state, signed_in_caller(request))
    if error or not code:
        raise InvalidParameter(f"ORCID sign-in did not complete ({error or 'no code'}); "
                               "start the claim again.")
    return rescored(request, *verify.verify_claim(graph, settings, store, caller, claim_id,
                                                  code, orcid))


@router.get("/claims/{claim_id}")
def get_claim(claim_id: ClaimId, caller: CurrentUser, store: AccountsDep) -> ClaimOut:
    """One of your claims (admins: anyone's)."""
    return ClaimOut(**verify.claim_for(store, caller, claim_id))


@router.post("/claims/{claim_id}/verify", responses=responses(409, 502))
def verify_claim(request: Request, claim_id: ClaimId, body: ClaimVerify, caller: CurrentUser,
                 graph: GraphDep, settings: SettingsDep, store: AccountsDep,
                 orcid: OrcidDep) -> ClaimResult:
    """Complete your claim with the e-mailed code (or ORCID's authorisation code).

    Codes are single-use and expire; every failure counts, and too many lock the claim. Once
    the record is yours, its trust score is recomputed in the background."""
    return rescored(request, *verify.verify_claim(graph, settings, store, caller, claim_id,
                                                  body.code, orcid))


@router.post("/claims/{claim_id}/resolve", responses=responses(409))
def resolve_claim(request: Request, claim_id: ClaimId, body: ClaimResolve, admin: AdminUser,
                  graph: GraphDep, store: AccountsDep) -> ClaimResult:
    """Admins: grant a disputed claim (the record moves to its claimant) or reject it."""
    return rescored(request, *verify.resolve_dispute(graph, store, admin, claim_id,
                                                     body.decision))


@router.post("/claims/{claim_id}/review", responses=responses(409))
def review_claim(request: Request, claim_id: ClaimId, body: ClaimReview, admin: AdminUser,
                 graph: GraphDep, store: AccountsDep, outbox: OutboxDep) -> ClaimResult:
    """Admins: approve or reject a claim in review (or a dispute), with a reason.

    Approving moves the record at L2, or L3 with `affiliation_checked`; the claimant is told
    by e-mail and on their account page."""
    return rescored(request, *review.decide(graph, store, admin, claim_id, body.decision,
                                            body.reason, body.affiliation_checked, outbox))


@router.get("/authors/{author_id:path}/claim-routes")
def list_claim_routes(author_id: Annotated[str, Path(max_length=512, examples=["researcher0"])],
                      caller: CurrentUser, graph: GraphDep, store: AccountsDep) -> ClaimRoutes:
    """The ways you can claim this record, strongest first, each with why."""
    found = claims.resolve_author(graph, author_id)
    target = claims.claim_target(graph, store, caller, found)
    return ClaimRoutes(author_id=found, routes=[
        ClaimRouteOut(**vars(r)) for r in claim_routes.routes(
            target, target["emails"], target["account_orcid"])])


def rescored(request: Request, claim: dict[str, Any], detail: str) -> ClaimResult:
    """The answer to a verification; a granted claim's author is rescored in the background."""
    rescore_if_granted(request, claim)
    return ClaimResult.of(claim, detail)
