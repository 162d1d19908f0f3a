"""/api/v1/invitations: direct collaboration invitations between claimed authors."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, status

from service.auth import CurrentUser
from service.deps import AccountsDep, GraphDep
from service.identity import invitations
from service.schemas.identity import InvitationCreate, InvitationList, InvitationOut
from service.schemas.problem import identity_responses as responses

router = APIRouter(prefix="/invitations", tags=["invitations"],
                   responses=responses(401, 422, 503))

InvitationId = Annotated[str, Path(max_length=64)]


@router.post("", status_code=status.HTTP_201_CREATED, responses=responses(403, 404, 409))
def send_invitation(body: InvitationCreate, caller: CurrentUser, graph: GraphDep,
                    store: AccountsDep) -> InvitationOut:
    """Invite another claimed author to collaborate, from the record you hold.

    Refused (403, saying why) when you hold no record or the recipient's is unclaimed."""
    return InvitationOut(**invitations.send(graph, store, caller, body.to_author_id,
                                            body.message, body.from_author_id))


@router.get("")
def list_invitations(caller: CurrentUser, graph: GraphDep,
                     store: AccountsDep,
                     box: Annotated[Literal["received", "sent"], Query()] = "received",
                     limit: Annotated[int, Query(ge=1, le=500)] = 50,
                     offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> InvitationList:
    """Invitations you received (to records you hold) or sent, newest first."""
    rows = invitations.listing(graph, store, caller, box, offset, limit)
    return InvitationList(invitations=[InvitationOut(**row) for row in rows])


@router.post("/{invitation_id}/accept", responses=responses(403, 404, 409))
def accept(invitation_id: InvitationId, caller: CurrentUser, graph: GraphDep,
           store: AccountsDep) -> InvitationOut:
    """Accept an invitation to a record you hold."""
    return InvitationOut(**invitations.respond(graph, store, caller, invitation_id,
                                               "accepted"))


@router.post("/{invitation_id}/decline", responses=responses(403, 404, 409))
def decline(invitation_id: InvitationId, caller: CurrentUser, graph: GraphDep,
            store: AccountsDep) -> InvitationOut:
    """Decline an invitation to a record you hold."""
    return InvitationOut(**invitations.respond(graph, store, caller, invitation_id,
                                               "declined"))
