"""Direct collaboration invitations, only between claimed authors (as the seed page says)."""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from service.auth import Caller, new_id
from service.errors import Conflict, Forbidden, InvalidParameter, NotFound
from service.identity.claims import resolve_author
from service.identity.store import audited, read, read_one
from service.settings import Settings


def _sender_record(parties: dict[str, Any], caller: Caller, chosen: str | None) -> str:
    """The record the caller invites from: theirs, and named when they hold several."""
    mine = parties["from_authors"]
    if not mine:
        raise Forbidden("You hold no author record: claim yours first "
                        "(POST /api/v1/authors/{id}/claims); invitations go only between "
                        "claimed authors.")
    if chosen is None and len(mine) > 1:
        raise InvalidParameter(f"You hold several records ({', '.join(sorted(mine))}); say "
                               "which one invites with from_author_id.",
                               errors=[{"parameter": "from_author_id", "in": "body",
                                        "message": "required: you hold several records"}])
    sender = chosen or mine[0]
    if sender not in mine:
        raise Forbidden(f"You do not hold author {sender}'s record; you may invite only "
                        f"from your own ({', '.join(sorted(mine))}).")
    return sender


def send(driver: Driver, settings: Settings, caller: Caller, to_raw: str, message: str,
         from_raw: str | None) -> dict[str, Any]:
    """Invite the holder of another claimed record; 403 saying why when either is unclaimed."""
    to_author = resolve_author(driver, settings, to_raw)
    chosen = resolve_author(driver, settings, from_raw) if from_raw else None
    parties = read_one(driver, settings, "invitations/get_parties", user_id=caller.user_id,
                       to_author_id=to_author)
    assert parties is not None  # the query always returns its one row
    sender = _sender_record(parties, caller, chosen)
    if sender == to_author:
        raise InvalidParameter("An author cannot invite itself.",
                               errors=[{"parameter": "to_author_id", "in": "body",
                                        "message": "is the sender"}])
    if parties["to_user_id"] is None:
        raise Forbidden(f"{parties['to_name'] or to_author} has not claimed their record "
                        "yet; invitations go only between claimed authors.")
    invitation_id = new_id("inv")
    rows = audited(driver, settings, caller, "invitation.send", invitation_id,
                   "invitations/create_invitation", {"from": sender, "to": to_author},
                   id=invitation_id, user_id=caller.user_id, from_author_id=sender,
                   to_user_id=parties["to_user_id"], to_author_id=to_author, message=message)
    if not rows:
        raise Conflict("A record changed hands while inviting; try again.")
    if rows[0]["pending_id"]:
        raise Conflict(f"Invitation {rows[0]['pending_id']} from {sender} to {to_author} is "
                       "still pending; wait for an answer.")
    invitation: dict[str, Any] = rows[0]["invitation"]
    return invitation


def respond(driver: Driver, settings: Settings, caller: Caller, invitation_id: str,
            status: str) -> dict[str, Any]:
    """The recipient (whoever holds the invited record) accepts or declines once."""
    row = read_one(driver, settings, "invitations/get_invitation", id=invitation_id)
    if row is None:
        raise NotFound(f"No invitation has the id {invitation_id!r}.")
    invitation: dict[str, Any] = row["invitation"]
    if row["recipient_id"] != caller.user_id:
        raise Forbidden(f"Invitation {invitation_id} is addressed to author "
                        f"{invitation['to_author']}, whose record you do not hold; only its "
                        "holder may answer.")
    if invitation["status"] != "pending":
        raise Conflict(f"Invitation {invitation_id} was already {invitation['status']}.")
    verb = "accept" if status == "accepted" else "decline"
    rows = audited(driver, settings, caller, f"invitation.{verb}", invitation_id,
                   "invitations/respond_invitation", id=invitation_id, status=status)
    if not rows:
        raise Conflict(f"Invitation {invitation_id} was answered meanwhile.")
    invitation.update(status=rows[0]["status"], responded_at=rows[0]["responded_at"])
    return invitation


def listing(driver: Driver, settings: Settings, caller: Caller, box: str, skip: int,
            limit: int) -> list[dict[str, Any]]:
    """The caller's sent or received invitations, newest first."""
    name = "invitations/list_sent" if box == "sent" else "invitations/list_received"
    return [row["invitation"] for row in read(driver, settings, name, user_id=caller.user_id,
                                              skip=skip, limit=limit)]
