"""Starting a claim of an author record: by a one-time code e-mailed to an address on the
record, by signing in at ORCID with the record's iD (at once when the account's verified iD
is the record's), or by asking the admins to review the claimant's evidence."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from core.accounts import AccountsStore, people
from core.accounts import claims as claim_rows
from core.errors import Conflict, InvalidParameter, NotFound
from core.graph import Graph
from core.settings import Settings
from service.auth import Caller, new_id, now
from service.identity import ratelimit
from service.identity.claim_routes import domain_matches, mask
from service.identity.store import audit, read_row
from service.orcid import OrcidClient, bare_orcid
from service.outbox import Message, Outbox
from service.repository.resolve import resolve_author


@dataclass(frozen=True)
class StartedClaim:
    """A new pending claim, and the ORCID URL to visit (orcid claims only)."""

    claim: dict[str, Any]
    authorize_url: str | None
    detail: str
    instant: bool = False


CODE, STATE = "claim-code", "orcid-state"  # the keyed-hash purposes


def code_digest(store: AccountsStore, claim_id: str, code: str) -> str:
    """What the store keeps of a claim's code: keyed, and salted by the claim."""
    return store.digest(CODE, f"{claim_id}:{code.strip()}")


def choose_address(target: dict[str, Any], requested: str | None) -> tuple[str, str]:
    """(address, level) to send the code to; only an address the record vouches for.

    The record vouches for its own addresses and for any address at an affiliated
    institution's domain; the latter also confirms the affiliation (L3)."""
    emails, domains = target["emails"], target["domains"]
    address = (requested or "").strip().lower() or (emails[0] if emails else "")
    at = f"an address at {', '.join(domains)}" if domains else None
    if not address:
        raise InvalidParameter(
            f"The record of {target.get('name') or target['id']} has no e-mail address. "
            + (f"Give your {at}, " if at else "") + "sign in with ORCID if the record lists "
            "an iD, or ask for a review.",
            errors=[{"parameter": "email", "in": "body", "message": "required here"}])
    if address not in emails and not domain_matches(address, domains):
        raise InvalidParameter(
            f"{address} is neither on the record of {target.get('name') or target['id']} nor "
            "at one of its institutions' domains" + (f" ({', '.join(domains)})" if domains
                                                      else "")
            + ", so no code can go there. Use such an address, or ask for a review.",
            errors=[{"parameter": "email", "in": "body", "message": "not on the record"}])
    return address, "L3" if domain_matches(address, domains) else "L2"


def claim_target(graph: Graph, store: AccountsStore, caller: Caller,
                 author_id: str) -> dict[str, Any]:
    """What a claim of the author needs: the record (ORCID iD, institutions' domains, holder),
    its private addresses, and the claimant's verified ORCID iD."""
    target = read_row(graph, "claims/get_claim_target", author_id=author_id)
    if target is None:
        raise NotFound(f"No author has the id {author_id!r}.")
    with store.read() as conn:
        target["emails"] = people.record_emails(conn, author_id)
        account = people.get_user(conn, caller.user_id) or {}
    target["account_orcid"] = account.get("orcid")
    return target


def start_claim(graph: Graph, settings: Settings, store: AccountsStore, caller: Caller,
                raw_author_id: str, request: ClaimRequest, *, outbox: Outbox,
                orcid: OrcidClient) -> StartedClaim:
    """Open a claim and send its proof request (the code, the ORCID URL, or the evidence to
    the admins' queue); `instant` when the account's verified iD already proves it."""
    author_id = resolve_author(graph, raw_author_id)
    ratelimit.hit(store, settings, f"claim-start:{caller.user_id}", settings.claim_start_limit,
                  "claims started")
    target = claim_target(graph, store, caller, author_id)
    claim_id, started = new_id("clm"), now()
    proof = _proof(target, request, orcid)
    ttl = (timedelta(days=settings.claim_review_ttl_days) if request.method == "review"
           else timedelta(seconds=settings.claim_code_ttl_s))
    with store.write() as conn:
        if request.method == "review" and claim_rows.open_claims(conn, caller.user_id,
                                                                 author_id, ("review",)):
            raise Conflict("Your review request for this record is already with the admins; "
                           "its outcome will show on your account page.")
        claim = claim_rows.create_claim(
            conn, id=claim_id, user_id=caller.user_id, token_id=caller.token_id,
            author_id=author_id, method=request.method, level=proof.level,
            status="review" if request.method == "review" else "pending",
            created_at=started, expires_at=started + ttl,
            code_hash=code_digest(store, claim_id, proof.code) if proof.code else None,
            state_hash=store.digest(STATE, proof.state) if proof.state else None,
            sent_to=mask(proof.address) if proof.address else None,
            evidence=json.dumps(request.evidence) if request.evidence else None)
        audit(conn, caller, "claim.start", author_id, {"claim_id": claim_id,
                                                       "method": request.method})
    if proof.address and proof.code:
        outbox.send(_code_message(proof.address, proof.code, target, settings))
    return StartedClaim(claim, proof.authorize_url, _next_step(request.method, target, caller,
                                                               proof.instant),
                        instant=proof.instant)


@dataclass(frozen=True)
class ClaimRequest:
    """How the claimant wants to prove the record is theirs."""

    method: str  # email, orcid or review
    email: str | None = None
    evidence: dict[str, str] | None = None  # review: orcid, email, homepage, note


@dataclass(frozen=True)
class _Proof:
    """What a new claim will be checked against."""

    level: str
    code: str | None = None
    address: str | None = None
    state: str | None = None
    authorize_url: str | None = None
    instant: bool = False


def _proof(target: dict[str, Any], request: ClaimRequest, orcid: OrcidClient) -> _Proof:
    """The code and its address, the ORCID sign-in, or nothing yet (instant, review)."""
    if request.method == "email":
        address, level = choose_address(target, request.email)
        return _Proof(level, code=f"{secrets.randbelow(10**6):06d}", address=address)
    if request.method == "review":
        if not any((request.evidence or {}).values()):
            raise InvalidParameter("Say why the record is yours: give your ORCID iD, an "
                                   "institutional address, a homepage or a note for the admin.",
                                   errors=[{"parameter": "evidence", "in": "body",
                                            "message": "empty"}])
        return _Proof("L2")
    record_orcid = bare_orcid(target["orcid"])
    if not record_orcid:
        raise InvalidParameter(f"The record of {target.get('name') or target['id']} lists no "
                               "ORCID iD; claim it with a code by e-mail or ask for a review.")
    if target["account_orcid"] == record_orcid:
        return _Proof("L2", instant=True)
    state = secrets.token_urlsafe(24)
    return _Proof("L2", state=state, authorize_url=orcid.authorize_url(state))


def _code_message(address: str, code: str, target: dict[str, Any],
                  settings: Settings) -> Message:
    """The e-mail that carries a claim's one-time code."""
    minutes = settings.claim_code_ttl_s // 60
    return Message(to=address, subject=f"Your Peergraph code: {code}",
                   body=f"Someone asked to claim the Peergraph record of {target['name']} "
                        f"({target['id']}) as theirs.\n\nIf it was you, the code is {code}; it "
                        f"works once, within {minutes} minutes.\nIf it was not you, ignore "
                        "this message: nothing changes without the code.\n")


def _next_step(method: str, target: dict[str, Any], caller: Caller, instant: bool) -> str:
    """What the claimant does next, and what happens if someone else holds the record."""
    step = {"email": "A one-time code was e-mailed to the address shown; enter it to finish "
                     "the claim.",
            "orcid": "Sign in at ORCID with the record's iD to finish the claim.",
            "review": "Your evidence is with the admins; you will hear by e-mail and see "
                      "the outcome on your account page."}[method]
    if instant:
        step = "Your account's verified ORCID iD is the record's: the claim is checked now."
    holder = target["claimant_id"]
    if holder and holder != caller.user_id:
        step += (" Another user holds this record: a verified claim opens a dispute for an "
                 "admin; it does not take the record over.")
    return step
