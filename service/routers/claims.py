"""Claims of author records: start (e-mail code or ORCID), verify, the ORCID callback, and
the admins' resolution of disputes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, status

from core.accounts import claims as claim_rows
from core.errors import InvalidParameter
from service.auth import AdminUser, CurrentUser
from service.deps import AccountsDep, GraphDep, OrcidDep, OutboxDep, SettingsDep
from service.identity import claims, verify
from service.identity.rescore import rescore_if_granted
from service.schemas.identity import (
    ClaimCreate,
    ClaimList,
    ClaimOut,
    ClaimResolve,
    ClaimResult,
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
def start_claim(author_id: Annotated[str, Path(max_length=512, examples=["researcher0"])],
                body: ClaimCreate, caller: CurrentUser, graph: GraphDep,
                settings: SettingsDep, store: AccountsDep, outbox: OutboxDep,
                orcid: OrcidDep) -> ClaimStarted:
    """Claim an author record as yours.

    `email`: a one-time code goes to an address on the record (or yours at an affiliated
    institution's domain, which also confirms the affiliation: L3). `orcid`: sign in at
    ORCID with the record's iD. If someone else holds the record, a verified claim opens a
    dispute for an admin; it never takes the record over."""
    started = claims.start_claim(graph, settings, store, caller, author_id, body.method,
                                 body.email, outbox=outbox, orcid=orcid)
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
@router.get("/claims/orcid/callback", responses=responses(502))
def orcid_callback(request: Request, graph: GraphDep, settings: SettingsDep,
                   store: AccountsDep, orcid: OrcidDep,
                   state: Annotated[str, Query(min_length=1, max_length=512)],
                   code: Annotated[str | None, Query(max_length=512)] = None,
                   error: Annotated[str | None, Query(max_length=200)] = None) -> ClaimResult:
    """Where ORCID sends the browser back: the code is exchanged, the iD compared.

    The `state` (given only to the claimant, single use, stored as a keyed hash) names the
    claim; the browser must be signed in to the pages as the claim's user, and the token
    that started the claim must still be valid."""
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


def rescored(request: Request, claim: dict[str, Any], detail: str) -> ClaimResult:
    """The answer to a verification; a granted claim's author is rescored in the background."""
    rescore_if_granted(request, claim)
    return ClaimResult.of(claim, detail)
