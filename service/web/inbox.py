"""The invitations page: what other researchers sent to the records the visitor holds (to
accept or decline), and what the visitor sent, each with its answer.

Accept and Decline are plain forms carrying the session's CSRF token; they run the same
service function as the JSON API (service/identity/invitations.py), so the rules and the
audit trail are the API's. Its refusals are told here in the page's own words."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from core.accounts import AccountsStore
from core.errors import Conflict, Forbidden, NotFound, PeergraphError
from core.graph import Graph
from service.auth import Caller
from service.deps import AccountsDep, GraphDep
from service.identity import invitations
from service.identity.store import read_rows
from service.web.render import redirect, render, signed_in_or_redirect
from service.web.session import form_caller, load_session

router = APIRouter(tags=["web pages"], include_in_schema=False,
                   default_response_class=HTMLResponse)
SHOWN = 200  # invitations of each kind a page lists, newest first
ANSWERS = {"accept": "accepted", "decline": "declined"}
REFUSALS: dict[type[PeergraphError], str] = {
    NotFound: "This invitation no longer exists. The list below shows the invitations you "
              "have now.",
    Forbidden: "This invitation was sent to a record you no longer hold, so only its "
               "present holder can answer it. If the record is yours, claim it again from "
               "its profile page.",
    Conflict: "This invitation has already been answered; its answer is shown below.",
}


def _inbox(graph: Graph, store: AccountsStore, caller: Caller) -> dict[str, Any]:
    """Received (waiting ones first, then answered, each newest first) and sent invitations,
    and the records the visitor holds."""
    received = invitations.listing(graph, store, caller, "received", 0, SHOWN)
    received.sort(key=lambda i: i["status"] != "pending")  # stable: newest first within
    held = read_rows(graph, "users/list_held_authors", user_id=caller.user_id)
    return {"received": received, "held": [r["id"] for r in held],
            "sent": invitations.listing(graph, store, caller, "sent", 0, SHOWN),
            "shown": SHOWN}


def _page(request: Request, graph: Graph, store: AccountsStore, caller: Caller,
          status: int = 200, answered: str | None = None, error: str | None = None
          ) -> Response:
    """The invitations page, with the one just answered (by id) or a refusal to show."""
    page = _inbox(graph, store, caller)
    just = next((i for i in page["received"]
                 if i["id"] == answered and i["status"] != "pending"), None)
    return render(request, "inbox.html", {"caller": caller, "error": error, "answered": just,
                                          **page}, status)


@router.get("/account/invitations")
def inbox(request: Request, graph: GraphDep, store: AccountsDep,
          answered: Annotated[str | None, Query(max_length=64)] = None) -> Response:
    """The visitor's invitations; `answered` names the one they just answered."""
    caller = signed_in_or_redirect(request)
    if isinstance(caller, Response):
        return caller
    return _page(request, graph, store, caller, answered=answered)


@router.post("/account/invitations/{invitation_id}/{answer}")
def respond(request: Request, graph: GraphDep, store: AccountsDep,
            invitation_id: Annotated[str, Path(max_length=64)],
            answer: Literal["accept", "decline"],
            csrf_token: Annotated[str, Form(max_length=100)]) -> Response:
    """Accept or decline an invitation to a record the visitor holds, then show the list."""
    caller = form_caller(request, csrf_token)
    try:
        invitations.respond(graph, store, caller, invitation_id, ANSWERS[answer])
    except (NotFound, Forbidden, Conflict) as exc:
        return _page(request, graph, store, caller, exc.status, error=REFUSALS[type(exc)])
    return redirect(request, load_session(request),
                    f"/account/invitations?answered={quote(invitation_id)}"
                    f"#invitation-{quote(invitation_id)}")
