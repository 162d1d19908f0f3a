"""The profile page's own writes (follow, claim, invite), for the signed-in visitor.

Each checks the session's CSRF token (header X-CSRF-Token), takes the API token from the
HttpOnly session cookie, and runs the very functions behind the JSON API's routes, so the
rules, the audit trail and the answers (problem+json on failure) are the API's."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request, status

from service.auth import Caller
from service.deps import AccountsDep, DriverDep, SettingsDep
from service.routers import claims, follows, invitations
from service.schemas.identity import (
    ClaimCreate,
    ClaimResult,
    ClaimStarted,
    ClaimVerify,
    FollowState,
    InvitationCreate,
    InvitationOut,
)
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
def follow(author_id: AuthorId, caller: PageCaller, driver: DriverDep,
           settings: SettingsDep, store: AccountsDep) -> FollowState:
    """Follow the author, as PUT /api/v1/authors/{id}/follow does."""
    return follows.follow(author_id, caller, driver, settings, store)


@router.delete("/authors/{author_id}/follow")
def unfollow(author_id: AuthorId, caller: PageCaller, driver: DriverDep,
             settings: SettingsDep, store: AccountsDep) -> FollowState:
    """Stop following the author."""
    return follows.unfollow(author_id, caller, driver, settings, store)


@router.post("/authors/{author_id}/claims", status_code=status.HTTP_201_CREATED)
def start_claim(request: Request, author_id: AuthorId, body: ClaimCreate, caller: PageCaller,
                driver: DriverDep, settings: SettingsDep, store: AccountsDep) -> ClaimStarted:
    """Start a claim of the record (the code goes to an address on it)."""
    return claims.start_claim(author_id, body, caller, driver, settings, store,
                              claims.get_outbox(request, settings),
                              claims.get_orcid(request, settings))


@router.post("/claims/{claim_id}/verify")
def verify_claim(request: Request, claim_id: Annotated[str, Path(max_length=64)],
                 body: ClaimVerify, caller: PageCaller, driver: DriverDep,
                 settings: SettingsDep, store: AccountsDep) -> ClaimResult:
    """Complete the claim with the e-mailed code."""
    return claims.verify_claim(claim_id, body, caller, driver, settings, store,
                               claims.get_orcid(request, settings))


@router.post("/invitations", status_code=status.HTTP_201_CREATED)
def send_invitation(body: InvitationCreate, caller: PageCaller, driver: DriverDep,
                    settings: SettingsDep, store: AccountsDep) -> InvitationOut:
    """Invite the holder of another claimed record, from the visitor's own."""
    return invitations.send_invitation(body, caller, driver, settings, store)
