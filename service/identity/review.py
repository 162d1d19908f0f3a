"""Claims decided by an admin: the review queue (claims in review, and disputes) with what
the admin needs to judge them, and the decision — approve (the record moves, at the level
the checked evidence supports) or reject, always with a reason the claimant reads."""

from __future__ import annotations

import json
from typing import Any

from core.accounts import AccountsStore, people
from core.accounts import claims as claim_rows
from core.errors import Conflict, InvalidParameter, NotFound
from core.graph import Graph
from scoring.verification import LABELS
from service.auth import Caller, now
from service.identity.claim_routes import domain_matches
from service.identity.store import audit, read_rows
from service.identity.verify import move_record, outcome_text, resolve_dispute
from service.orcid import bare_orcid
from service.outbox import Message, Outbox

QUEUE = ("review", "disputed")
QUEUE_SIZE = 200


def queue(graph: Graph, store: AccountsStore) -> list[dict[str, Any]]:
    """The claims waiting for an admin, oldest first, each with its claimant and record."""
    with store.read() as conn:
        rows = [row for status in QUEUE
                for row in claim_rows.list_claims(conn, None, status, 0, QUEUE_SIZE)
                if not claim_rows.lapsed(row)]
        users = {u["id"]: u for u in people.users_by_id(conn, {r["user_id"] for r in rows})}
    records = {r["id"]: r for r in read_rows(graph, "claims/list_claim_records",
                                             author_ids=sorted({r["author_id"] for r in rows}))}
    for row in rows:
        row["evidence"] = json.loads(row["evidence"]) if row.get("evidence") else {}
        row["claimant"] = users.get(row["user_id"], {})
        row["record"] = records.get(row["author_id"], {"id": row["author_id"]})
        row["checks"] = _checks(row)
    return sorted(rows, key=lambda r: r["created_at"])


def _checks(row: dict[str, Any]) -> list[str]:
    """What the evidence matches on the record, in the admin's words."""
    evidence, record, claimant = row["evidence"], row["record"], row["claimant"]
    found = []
    record_orcid = bare_orcid(record.get("orcid"))
    if claimant.get("orcid") and claimant["orcid"] == record_orcid:
        found.append("The claimant signed in with the record's ORCID iD.")
    elif evidence.get("orcid") and bare_orcid(evidence["orcid"]) == record_orcid:
        found.append("The ORCID iD given is the record's, but the claimant has not signed in "
                     "with it.")
    elif evidence.get("orcid"):
        found.append("The ORCID iD given is not on the record.")
    address = evidence.get("email") or ""
    if address and domain_matches(address, record.get("domains", [])):
        host = address.rpartition("@")[2]
        found.append(f"The address given is at {host}, a domain of the record's institutions "
                     "(not yet proven by a code).")
    return found


def decide(graph: Graph, store: AccountsStore, admin: Caller, claim_id: str, decision: str,
           reason: str, affiliation_checked: bool, outbox: Outbox) -> tuple[dict[str, Any], str]:
    """Approve or reject a claim in review (or grant/reject a dispute), telling the claimant."""
    reason = reason.strip()
    if decision == "reject" and not reason:
        raise InvalidParameter("Say why the claim is rejected: the claimant reads the reason.",
                               errors=[{"parameter": "reason", "in": "body",
                                        "message": "required to reject"}])
    with store.read() as conn:
        current = claim_rows.get_claim(conn, claim_id)
    if current is None:
        raise NotFound(f"No claim has the id {claim_id!r}.")
    if current["status"] == "disputed":
        claim, detail = resolve_dispute(graph, store, admin, claim_id,
                                        "grant" if decision == "approve" else "reject")
        _store_reason(store, claim_id, reason)
    else:
        claim, detail = _decide_review(graph, store, admin, claim_id, decision, reason,
                                       affiliation_checked)
    _tell_claimant(store, outbox, claim, graph, reason)
    return claim, detail


def _decide_review(graph: Graph, store: AccountsStore, admin: Caller, claim_id: str,
                   decision: str, reason: str,
                   affiliation_checked: bool) -> tuple[dict[str, Any], str]:
    """Under the claim's lock: reject it, or take it to `granting` and move the record."""
    with store.write() as conn:
        claim = claim_rows.lock_claim(conn, claim_id)
        assert claim is not None
        if claim["status"] != "review":
            raise Conflict(f"This claim is {claim['status']}, not in review: someone decided "
                           "it already. Reload the queue.")
        if claim_rows.lapsed(claim):
            raise Conflict("This review request lapsed before a decision; the claimant can "
                           "ask again from the record's page.")
        values = {"resolved_at": now(), "resolved_by": admin.user_id, "review_reason": reason}
        if decision == "reject":
            claim_rows.set_status(conn, claim_id, "rejected", **values)
        else:
            claim_rows.set_status(conn, claim_id, "granting",
                                  level="L3" if affiliation_checked else "L2", **values)
        audit(conn, admin, f"claim.review_{decision}", claim["author_id"],
              {"claim_id": claim_id, "affiliation_checked": affiliation_checked})
    if decision == "reject":
        return _claim(store, claim_id), "Rejected: the claimant will read your reason."
    outcome = move_record(graph, store, admin, claim_id, revert_to="review",
                          resolved_by=admin.user_id)
    return _claim(store, claim_id), outcome_text(outcome.status, _claim(store, claim_id))


def _claim(store: AccountsStore, claim_id: str) -> dict[str, Any]:
    """The claim's public row."""
    with store.read() as conn:
        claim = claim_rows.get_claim(conn, claim_id)
    assert claim is not None
    return claim


def _store_reason(store: AccountsStore, claim_id: str, reason: str) -> None:
    """Keep the admin's reason with a resolved dispute."""
    if reason:
        with store.write() as conn:
            claim_rows.set_status_fields(conn, claim_id, review_reason=reason)


def _tell_claimant(store: AccountsStore, outbox: Outbox, claim: dict[str, Any], graph: Graph,
                   reason: str) -> None:
    """An e-mail to the claimant (when their account has an address) saying the outcome."""
    with store.read() as conn:
        user = people.get_user(conn, claim["user_id"]) or {}
    if not user.get("email"):
        return  # an ORCID-only account: the outcome shows on their account page
    records = read_rows(graph, "claims/list_claim_records", author_ids=[claim["author_id"]])
    name = (records[0]["name"] if records else None) or claim["author_id"]
    granted = claim["status"] == "verified"
    outcome = (f"approved: the record is now yours ({LABELS[claim['level']]})" if granted
               else "not approved" if claim["status"] == "rejected"
               else "approved, but another researcher holds the record: an admin decides "
                    "between the claims")
    body = (f"Your claim of the Peergraph record of {name} was {outcome}.\n"
            + (f"\nThe admin's reason: {reason}\n" if reason else "")
            + "\nYour account page shows all your claims and where each stands.\n")
    outbox.send(Message(to=user["email"], subject=f"Your claim of {name}: "
                        f"{'approved' if granted else claim['status']}", body=body))
