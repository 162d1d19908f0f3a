"""Starting a claim of an author record: by a one-time code e-mailed to an address on the
record, or by signing in at ORCID with the record's iD."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from core.accounts import AccountsStore, people
from core.accounts import claims as claim_rows
from core.errors import InvalidParameter, NotFound
from core.graph import Graph
from core.settings import Settings
from service.auth import Caller, new_id, now
from service.identity import ratelimit
from service.identity.store import audit, read_row
from service.orcid import OrcidClient
from service.outbox import Message, Outbox
from service.repository.resolve import resolve


@dataclass(frozen=True)
class StartedClaim:
    """A new pending claim, and the ORCID URL to visit (orcid claims only)."""

    claim: dict[str, Any]
    authorize_url: str | None
    detail: str


CODE, STATE = "claim-code", "orcid-state"  # the keyed-hash purposes


def code_digest(store: AccountsStore, claim_id: str, code: str) -> str:
    """What the store keeps of a claim's code: keyed, and salted by the claim."""
    return store.digest(CODE, f"{claim_id}:{code.strip()}")


def resolve_author(graph: Graph, raw_id: str) -> str:
    """Our id of the author a client named by any of its ids; NotFound otherwise."""
    found = resolve(graph, raw_id, ("Author",))
    if found is None:
        raise NotFound(f"No author has the id {raw_id!r} (tried our ids, OpenAlex and ORCID "
                       "ids, and aliases).")
    return found[0]


def mask(address: str) -> str:
    """An address as the claimant sees it: enough to recognise, not to harvest."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def _domain_matches(address: str, domains: list[str]) -> bool:
    """True when the address is at one of the domains or a subdomain of one."""
    host = address.rpartition("@")[2]
    return any(host == d or host.endswith("." + d) for d in domains if d)


def choose_address(target: dict[str, Any], requested: str | None) -> tuple[str, str]:
    """(address, level) to send the code to; only an address the record vouches for.

    The record vouches for its own addresses and for any address at an affiliated
    institution's domain; the latter also confirms the affiliation (L3)."""
    emails, domains = target["emails"], target["domains"]
    address = (requested or "").strip().lower() or (emails[0] if emails else "")
    if not address:
        raise InvalidParameter(
            f"Author {target['id']} has no e-mail address on record; give `email` at one of "
            f"its institutions' domains ({', '.join(domains) or 'none known'}) or claim with "
            "ORCID.", errors=[{"parameter": "email", "in": "body", "message": "required here"}])
    if address not in emails and not _domain_matches(address, domains):
        raise InvalidParameter(
            f"{address} is not on author {target['id']}'s record: the code goes only to an "
            "address on the record or at an affiliated institution's domain "
            f"({', '.join(domains) or 'none known'}).",
            errors=[{"parameter": "email", "in": "body", "message": "not on the record"}])
    return address, "L3" if _domain_matches(address, domains) else "L2"


def start_claim(graph: Graph, settings: Settings, store: AccountsStore, caller: Caller,
                raw_author_id: str, method: str, email: str | None, *, outbox: Outbox,
                orcid: OrcidClient) -> StartedClaim:
    """Open a pending claim and send its proof request (the code, or the ORCID URL)."""
    author_id = resolve_author(graph, raw_author_id)
    ratelimit.hit(store, settings, f"claim-start:{caller.user_id}", settings.claim_start_limit,
                  "claims started")
    target = read_row(graph, "claims/get_claim_target", author_id=author_id)
    if target is None:
        raise NotFound(f"No author has the id {author_id!r}.")
    with store.read() as conn:
        target["emails"] = people.record_emails(conn, author_id)
    claim_id = new_id("clm")
    code = state = address = authorize_url = None
    if method == "email":
        address, level = choose_address(target, email)
        code = f"{secrets.randbelow(10**6):06d}"
    else:
        if not target["orcid"]:
            raise InvalidParameter(f"Author {author_id} has no ORCID iD on record; claim it "
                                   "by e-mail instead.")
        level, state = "L2", secrets.token_urlsafe(24)
        authorize_url = orcid.authorize_url(state)  # fails here when ORCID is not set up
    started = now()
    with store.write() as conn:
        claim = claim_rows.create_claim(
            conn, id=claim_id, user_id=caller.user_id, token_id=caller.token_id,
            author_id=author_id, method=method, level=level, created_at=started,
            expires_at=started + timedelta(seconds=settings.claim_code_ttl_s),
            code_hash=code_digest(store, claim_id, code) if code else None,
            state_hash=store.digest(STATE, state) if state else None,
            sent_to=mask(address) if address else None)
        audit(conn, caller, "claim.start", author_id, {"claim_id": claim_id, "method": method})
    if address and code:
        outbox.send(_code_message(address, code, target, settings))
    return StartedClaim(claim, authorize_url, _next_step(method, target, caller))


def _code_message(address: str, code: str, target: dict[str, Any],
                  settings: Settings) -> Message:
    """The e-mail that carries a claim's one-time code."""
    minutes = settings.claim_code_ttl_s // 60
    return Message(to=address, subject=f"Your Peergraph code: {code}",
                   body=f"Someone asked to claim the Peergraph record of {target['name']} "
                        f"({target['id']}) as theirs.\n\nIf it was you, the code is {code}; it "
                        f"works once, within {minutes} minutes.\nIf it was not you, ignore "
                        "this message: nothing changes without the code.\n")


def _next_step(method: str, target: dict[str, Any], caller: Caller) -> str:
    """What the claimant does next, and what happens if someone else holds the record."""
    step = ("A one-time code was e-mailed to the address shown; send it to "
            "POST /api/v1/claims/{id}/verify." if method == "email" else
            "Open authorize_url, sign in at ORCID; the callback completes the claim.")
    holder = target["claimant_id"]
    if holder and holder != caller.user_id:
        step += (" Another user holds this record: a verified claim opens a dispute for an "
                 "admin; it does not take the record over.")
    return step
