"""Direct collaboration invitations, only between claimed authors (as the seed page says).

Who holds a record is a public fact of the graph; the invitations and their messages are
private and live in the accounts store."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError

from core.accounts import AccountsStore, records
from core.errors import Conflict, Forbidden, InvalidParameter, NotFound
from core.graph import Graph
from service.auth import Caller, new_id, now
from service.identity.claims import resolve_author
from service.identity.store import audit, read_row, read_rows


def _sender_record(parties: dict[str, Any], chosen: str | None) -> str:
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


def _parties(graph: Graph, user_id: str, to_author: str
             ) -> dict[str, Any]:
    """The records the user holds, and the invited record's name and holder (graph)."""
    parties = read_row(graph, "invitations/get_parties", user_id=user_id,
                       to_author_id=to_author)
    assert parties is not None  # the query always returns its one row
    return parties


def send(graph: Graph, store: AccountsStore, caller: Caller,
         to_raw: str, message: str, from_raw: str | None) -> dict[str, Any]:
    """Invite the holder of another claimed record; 403 saying why when either is unclaimed."""
    to_author = resolve_author(graph, to_raw)
    chosen = resolve_author(graph, from_raw) if from_raw else None
    parties = _parties(graph, caller.user_id, to_author)
    sender = _sender_record(parties, chosen)
    if sender == to_author:
        raise InvalidParameter("An author cannot invite itself.",
                               errors=[{"parameter": "to_author_id", "in": "body",
                                        "message": "is the sender"}])
    if parties["to_user_id"] is None:
        raise Forbidden(f"{parties['to_name'] or to_author} has not claimed their record "
                        "yet; invitations go only between claimed authors.")
    invitation_id, pending = new_id("inv"), None
    try:
        with store.write() as conn:
            if pending := records.pending_between(conn, sender, to_author):
                raise Conflict(f"Invitation {pending} from {sender} to {to_author} is still "
                               "pending; wait for an answer.")
            invitation = records.create_invitation(
                conn, id=invitation_id, from_user_id=caller.user_id, from_author_id=sender,
                to_user_id=parties["to_user_id"], to_author_id=to_author, message=message,
                at=now())
            audit(conn, caller, "invitation.send", invitation_id,
                  {"from": sender, "to": to_author})
    except IntegrityError as exc:  # the same invitation, sent at the same moment
        raise Conflict(f"An invitation from {sender} to {to_author} is already pending; wait "
                       "for an answer.") from exc
    return _labelled(graph, [invitation])[0]


def respond(graph: Graph, store: AccountsStore, caller: Caller,
            invitation_id: str, status: str) -> dict[str, Any]:
    """The recipient (whoever holds the invited record now) accepts or declines once."""
    with store.read() as conn:
        invitation = records.get_invitation(conn, invitation_id)
    if invitation is None:
        raise NotFound(f"No invitation has the id {invitation_id!r}.")
    holder = _parties(graph, caller.user_id, invitation["to_author_id"])["to_user_id"]
    if holder != caller.user_id:
        raise Forbidden(f"Invitation {invitation_id} is addressed to author "
                        f"{invitation['to_author_id']}, whose record you do not hold; only "
                        "its holder may answer.")
    if invitation["status"] != "pending":
        raise Conflict(f"Invitation {invitation_id} was already {invitation['status']}.")
    verb = "accept" if status == "accepted" else "decline"
    with store.write() as conn:
        if not records.respond(conn, invitation_id, status, now()):
            raise Conflict(f"Invitation {invitation_id} was answered meanwhile.")
        audit(conn, caller, f"invitation.{verb}", invitation_id)
        answered = records.get_invitation(conn, invitation_id)
    assert answered is not None
    return _labelled(graph, [answered])[0]


def listing(graph: Graph, store: AccountsStore, caller: Caller,
            box: str, skip: int, limit: int) -> list[dict[str, Any]]:
    """The caller's sent invitations, or those to the records they hold; newest first."""
    with store.read() as conn:
        if box == "sent":
            rows = records.list_invitations(conn, from_user_id=caller.user_id, skip=skip,
                                            limit=limit)
        else:
            held = [r["id"] for r in read_rows(graph, "users/list_held_authors",
                                          user_id=caller.user_id)]
            rows = records.list_invitations(conn, to_authors=held, skip=skip, limit=limit)
    return _labelled(graph, rows)


def _labelled(graph: Graph, rows: list[dict[str, Any]]
              ) -> list[dict[str, Any]]:
    """Invitations in the API's shape, with both authors' names from the graph."""
    ids = sorted({r["from_author_id"] for r in rows} | {r["to_author_id"] for r in rows})
    names = {r["id"]: r["name"] for r in read_rows(graph, "authors/list_names", ids=ids)}
    return [{"id": r["id"], "message": r["message"], "status": r["status"], "at": r["at"],
             "responded_at": r["responded_at"], "from_user_id": r["from_user_id"],
             "to_user_id": r["to_user_id"], "from_author": r["from_author_id"],
             "to_author": r["to_author_id"], "from_name": names.get(r["from_author_id"]),
             "to_name": names.get(r["to_author_id"])} for r in rows]
