"""Completing a claim: check the proof under the claim's lock, count every failure, and give
the record to the claimant, or open a dispute when someone else holds it."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from neo4j import Driver, ManagedTransaction

from scoring.verification import AuthorFacts, verify
from service.auth import Caller, caller_of_token, digest
from service.errors import (
    Conflict,
    Forbidden,
    InvalidParameter,
    NotFound,
    PeergraphError,
    RateLimited,
    Unauthorized,
)
from service.identity import ratelimit
from service.identity.claims import code_digest
from service.identity.store import audit, read_one, run, write
from service.orcid import OrcidClient, OrcidRefused, bare_orcid
from service.settings import Settings

# A proof check: given the locked claim, the reason it fails, or None when it holds.
Check = Callable[[dict[str, Any]], str | None]


@dataclass(frozen=True)
class Outcome:
    """What a verification did: failed (with why), verified, or disputed."""

    status: str
    reason: str | None = None
    attempts: int = 0
    detail: dict[str, Any] | None = None


def claim_for(driver: Driver, settings: Settings, caller: Caller,
              claim_id: str) -> dict[str, Any]:
    """The claim, when the caller may see it (its claimant or an admin)."""
    row = read_one(driver, settings, "claims/get_claim", id=claim_id)
    if row is None:
        raise NotFound(f"No claim has the id {claim_id!r}.")
    claim: dict[str, Any] = row["claim"]
    if claim["user_id"] != caller.user_id and not caller.is_admin:
        raise Forbidden(f"Claim {claim_id} was made by another user; you may see and verify "
                        "only your own claims.")
    return claim


def verify_claim(driver: Driver, settings: Settings, caller: Caller, claim_id: str,
                 code: str, orcid: OrcidClient) -> tuple[dict[str, Any], str]:
    """Check the code (e-mail) or the ORCID authorisation code; (claim, what happened)."""
    ratelimit.hit(driver, settings, f"claim-verify:{caller.user_id}",
                  settings.claim_verify_limit, "verification attempts")
    claim = claim_for(driver, settings, caller, claim_id)
    if claim["user_id"] != caller.user_id:
        raise Forbidden(f"Claim {claim_id} belongs to user {claim['user_id']}: only its "
                        "claimant can verify it (admins resolve disputes instead).")
    check = (_code_check(code_digest(claim_id, code)) if claim["method"] == "email"
             else _orcid_check(driver, settings, claim, code, orcid))
    outcome = write(driver, settings, lambda tx: _verify_tx(tx, settings, caller, claim_id,
                                                            check))
    claim = claim_for(driver, settings, caller, claim_id)
    if outcome.reason is not None:
        _raise_failure(outcome, claim, settings)
    if outcome.status == "disputed":
        return claim, ("Verified, but another user holds this record: an admin will resolve "
                       "the dispute; the record has not moved.")
    return claim, f"Verified: you now hold author {claim['author_id']} at level {claim['level']}."


def _code_check(expected: str) -> Check:
    """The e-mail proof: the code's digest equals the stored one (compared in constant time)."""
    def check(claim: dict[str, Any]) -> str | None:
        return None if hmac.compare_digest(claim["code_hash"] or "", expected) else "wrong_code"
    return check


def _orcid_check(driver: Driver, settings: Settings, claim: dict[str, Any], code: str,
                 orcid: OrcidClient) -> Check:
    """Exchange the ORCID code (only for a live claim) and compare the iD with the record's."""
    if claim["status"] != "pending":
        return lambda c: None  # the locked check below refuses it as used, and counts it
    target = read_one(driver, settings, "claims/get_claim_target", author_id=claim["author_id"])
    expected = bare_orcid(target["orcid"]) if target else None
    try:
        signed_in = orcid.exchange(code).orcid
    except OrcidRefused:
        return lambda c: "orcid_refused"
    return lambda c: None if signed_in == expected else "orcid_mismatch"


def _verify_tx(tx: ManagedTransaction, settings: Settings, caller: Caller, claim_id: str,
               check: Check) -> Outcome:
    """Under the claim's lock: refuse and count, or grant / dispute; audited either way."""
    claim = run(tx, "claims/lock_claim", id=claim_id)[0]["claim"]
    reason = _refusal(claim, settings) or check(claim)
    if reason is not None:
        counted = run(tx, "claims/count_failed_attempt", id=claim_id, reason=reason,
                      max_attempts=settings.claim_max_attempts)[0]
        audit(tx, caller, "claim.verify_failed", claim["author_id"],
              {"claim_id": claim_id, "reason": reason, "attempts": counted["attempts"]})
        return Outcome(counted["status"], reason, counted["attempts"])
    author = run(tx, "claims/lock_author", author_id=claim["author_id"])[0]
    holders = [u for u in author["claimants"] if u != claim["user_id"]]
    if holders:
        run(tx, "claims/mark_disputed", id=claim_id, claimant_id=holders[0])
        audit(tx, caller, "claim.disputed", claim["author_id"],
              {"claim_id": claim_id, "holder": holders[0]})
        return Outcome("disputed")
    grant(tx, claim, author, resolved_by=None)
    audit(tx, caller, "claim.verify", claim["author_id"],
          {"claim_id": claim_id, "level": claim["level"]})
    return Outcome("verified")


def _refusal(claim: dict[str, Any], settings: Settings) -> str | None:
    """Why a claim can take no more attempts, whatever the code: used, expired or locked."""
    if claim["status"] in ("expired", "locked"):
        return str(claim["status"])
    if claim["status"] != "pending":
        return "used"
    if claim["expired"]:
        return "expired"
    if claim["attempts"] >= settings.claim_max_attempts:
        return "locked"
    return None


def grant(tx: ManagedTransaction, claim: dict[str, Any], author: dict[str, Any],
          resolved_by: str | None) -> None:
    """Give the record to the claim's user at the claim's level, with scoring's wording."""
    facts = AuthorFacts(id=author["id"], identity=author["identity"],
                        record_source=author["record_source"], orcid=author["orcid"],
                        openalex_id=author["openalex_id"], claimed=True,
                        identity_verified=True, affiliation_verified=claim["level"] == "L3")
    level = verify(facts, author["works"])
    run(tx, "claims/grant_claim", id=claim["id"], label=level.label, reasons=level.reasons,
        resolved_by=resolved_by)


def _raise_failure(outcome: Outcome, claim: dict[str, Any], settings: Settings) -> None:
    """The error a failed verification answers with; each says what to do next."""
    left = max(settings.claim_max_attempts - outcome.attempts, 0)
    restart = "start a new claim (POST /api/v1/authors/{id}/claims)."
    messages: dict[str, tuple[type[PeergraphError], str]] = {
        "wrong_code": (InvalidParameter, f"The code is wrong; {left} attempt(s) left."),
        "orcid_refused": (InvalidParameter, "ORCID refused the authorisation code (wrong, "
                                            f"used or expired); {left} attempt(s) left."),
        "orcid_mismatch": (Forbidden, "The ORCID iD you signed in with is not the one on "
                                      f"author {claim['author_id']}'s record."),
        "expired": (InvalidParameter, f"The claim's code has expired; {restart}"),
        "used": (Conflict, f"Claim {claim['id']} is already {claim['status']}: its code "
                           "cannot be used again."),
        "locked": (RateLimited, f"Claim {claim['id']} is locked after "
                                f"{settings.claim_max_attempts} failed attempts; {restart}"),
    }
    if outcome.status == "locked" and outcome.reason not in ("expired", "used"):
        outcome = Outcome("locked", "locked", outcome.attempts)  # that was the last try
    error, message = messages[outcome.reason or "used"]
    raise error(message)


def state_owner(driver: Driver, settings: Settings, state: str) -> tuple[str, Caller]:
    """(claim id, claimant) of an ORCID callback's `state`: the state, given only to the
    claimant, stands for the token that started the claim, which must still be valid."""
    row = read_one(driver, settings, "claims/get_claim_by_state", state_hash=digest(state))
    if row is None:
        raise NotFound("No claim is waiting for this ORCID sign-in (unknown `state`); start "
                       "the claim again.")
    if not row["token_id"]:
        raise Unauthorized("This claim was not started with a token; start it again.")
    return row["id"], caller_of_token(driver, settings, row["token_id"])


def resolve_dispute(driver: Driver, settings: Settings, admin: Caller, claim_id: str,
                    decision: str) -> tuple[dict[str, Any], str]:
    """An admin grants a disputed claim (the record moves) or rejects it (it stays)."""
    def work(tx: ManagedTransaction) -> str | None:
        rows = run(tx, "claims/lock_claim", id=claim_id)
        if not rows:
            return "missing"
        claim = rows[0]["claim"]
        if claim["status"] != "disputed":
            return str(claim["status"])
        if decision == "grant":
            author = run(tx, "claims/lock_author", author_id=claim["author_id"])[0]
            grant(tx, claim, author, resolved_by=admin.user_id)
        else:
            run(tx, "claims/reject_claim", id=claim_id, resolved_by=admin.user_id)
        audit(tx, admin, "claim.resolve", claim["author_id"],
              {"claim_id": claim_id, "decision": decision})
        return None

    refused = write(driver, settings, work)
    if refused == "missing":
        raise NotFound(f"No claim has the id {claim_id!r}.")
    if refused is not None:
        raise Conflict(f"Claim {claim_id} is {refused}, not disputed: there is nothing to "
                       "resolve.")
    claim = claim_for(driver, settings, admin, claim_id)
    moved = "moved to its claimant" if decision == "grant" else "stays with its holder"
    return claim, f"Dispute resolved ({decision}): the record {moved}."
