"""Completing a claim: check the proof under the claim's lock, count every failure, and give
the record to the claimant, or open a dispute when someone else holds it.

The proof is checked under the claim's row lock (accounts store), which moves a claim that
passes to `granting` and is released at once; the graph transaction then locks the author
and moves the record (or finds it held: a dispute), and a last short transaction records
the outcome. So two verifications of one claim cannot both pass, two claims of one record
cannot both win, and no accounts-store lock is held while the graph works (on SQLite, one
such lock stops every write of the store)."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from neo4j import ManagedTransaction
from sqlalchemy import Connection

from core.accounts import AccountsStore
from core.accounts import claims as claim_rows
from core.errors import (
    Conflict,
    Forbidden,
    InvalidParameter,
    NotFound,
    PeergraphError,
    RateLimited,
    Unauthorized,
)
from core.graph import Graph
from core.settings import Settings
from scoring.verification import LABELS, AuthorFacts, verify
from service.auth import Caller, caller_of_token, now
from service.identity import ratelimit
from service.identity.claims import STATE, code_digest
from service.identity.store import audit, read_row, run
from service.orcid import OrcidClient, OrcidRefused, bare_orcid

# A proof check: given the locked claim, the reason it fails, or None when it holds.
Check = Callable[[dict[str, Any]], str | None]


@dataclass(frozen=True)
class Outcome:
    """What a verification did: failed (with why), verified, or disputed."""

    status: str
    reason: str | None = None
    attempts: int = 0


def claim_for(store: AccountsStore, caller: Caller, claim_id: str) -> dict[str, Any]:
    """The claim, when the caller may see it (its claimant or an admin)."""
    with store.read() as conn:
        claim = claim_rows.get_claim(conn, claim_id)
    if claim is None:
        raise NotFound(f"No claim has the id {claim_id!r}.")
    if claim["user_id"] != caller.user_id and not caller.is_admin:
        raise Forbidden(f"Claim {claim_id} was made by another user; you may see and verify "
                        "only your own claims.")
    return claim


def verify_claim(graph: Graph, settings: Settings, store: AccountsStore, caller: Caller,
                 claim_id: str, code: str, orcid: OrcidClient) -> tuple[dict[str, Any], str]:
    """Check the code (e-mail) or the ORCID authorisation code; (claim, what happened)."""
    ratelimit.hit(store, settings, f"claim-verify:{caller.user_id}",
                  settings.claim_verify_limit, "verification attempts")
    claim = claim_for(store, caller, claim_id)
    if claim["user_id"] != caller.user_id:
        raise Forbidden(f"Claim {claim_id} belongs to user {claim['user_id']}: only its "
                        "claimant can verify it (admins resolve disputes instead).")
    check = (_code_check(code_digest(store, claim_id, code)) if claim["method"] == "email"
             else _orcid_check(graph, claim, code, orcid))
    return _finish(graph, settings, store, caller, claim_id, check)


def grant_at_once(graph: Graph, settings: Settings, store: AccountsStore, caller: Caller,
                  claim_id: str) -> tuple[dict[str, Any], str]:
    """Finish a claim whose proof is already on the account (its verified ORCID iD)."""
    return _finish(graph, settings, store, caller, claim_id, lambda c: None)


def _finish(graph: Graph, settings: Settings, store: AccountsStore, caller: Caller,
            claim_id: str, check: Check) -> tuple[dict[str, Any], str]:
    """Check under the claim's lock, move the record, and say what happened."""
    with store.write() as conn:
        outcome = _check_locked(conn, settings, caller, claim_id, check)
    if outcome.reason is None:
        outcome = move_record(graph, store, caller, claim_id, revert_to="pending")
    claim = claim_for(store, caller, claim_id)
    if outcome.reason is not None:
        _raise_failure(outcome, claim, settings)
    return claim, outcome_text(outcome.status, claim)


def outcome_text(status: str, claim: dict[str, Any]) -> str:
    """What a granted (or disputed) claim means, in the claimant's words."""
    if status == "disputed":
        return ("Verified, but another researcher holds this record: it is now a dispute; "
                "an admin will look at both claims and decide. The record has not moved.")
    return (f"Verified: the record is now yours ({LABELS[claim['level']]}). Its trust score "
            "is recomputed in the next minutes.")


def _code_check(expected: str) -> Check:
    """The e-mail proof: the code's digest equals the stored one (compared in constant time)."""
    def check(claim: dict[str, Any]) -> str | None:
        return None if hmac.compare_digest(claim["code_hash"] or "", expected) else "wrong_code"
    return check


def _orcid_check(graph: Graph, claim: dict[str, Any], code: str,
                 orcid: OrcidClient) -> Check:
    """Exchange the ORCID code (only for a live claim) and compare the iD with the record's."""
    if claim["status"] != "pending":
        return lambda c: None  # the locked check below refuses it as used, and counts it
    target = read_row(graph, "claims/get_claim_target", author_id=claim["author_id"])
    expected = bare_orcid(target["orcid"]) if target else None
    try:
        signed_in = orcid.exchange(code).orcid
    except OrcidRefused:
        return lambda c: "orcid_refused"
    return lambda c: None if signed_in == expected else "orcid_mismatch"


def _check_locked(conn: Connection, settings: Settings, caller: Caller, claim_id: str,
                  check: Check) -> Outcome:
    """Under the claim's lock: refuse and count (audited), or take the claim to `granting`."""
    claim = claim_rows.lock_claim(conn, claim_id)
    assert claim is not None  # claim_for found it, and claims are never deleted
    reason = _refusal(claim, settings) or check(claim)
    if reason is None:
        claim_rows.set_status(conn, claim_id, "granting")
        return Outcome("granting")
    if reason == "busy":
        return Outcome(str(claim["status"]), reason, claim["attempts"])
    attempts, status = claim_rows.count_failure(conn, claim, reason,
                                                settings.claim_max_attempts, now())
    audit(conn, caller, "claim.verify_failed", claim["author_id"],
          {"claim_id": claim_id, "reason": reason, "attempts": attempts})
    return Outcome(status, reason, attempts)


def move_record(graph: Graph, store: AccountsStore, caller: Caller,
                 claim_id: str, revert_to: str, resolved_by: str | None = None,
                 force: bool = False) -> Outcome:
    """Give a `granting` claim's record to its user in the graph (unless someone else holds
    it and not `force`: a dispute), then record the outcome; on failure the claim goes back
    to `revert_to`."""
    with store.read() as conn:
        claim = claim_rows.get_claim(conn, claim_id)
    assert claim is not None
    try:
        holders = graph.write_tx(lambda tx: _grant_unless_held(tx, claim, force))
    except BaseException:
        with store.write() as conn:
            claim_rows.set_status(conn, claim_id, revert_to)
        raise
    with store.write() as conn:
        if holders:
            claim_rows.set_status(conn, claim_id, "disputed", verified_at=now(),
                                  disputed_with=holders[0])
            audit(conn, caller, "claim.disputed", claim["author_id"],
                  {"claim_id": claim_id, "holder": holders[0]})
            return Outcome("disputed")
        _mark_granted(conn, claim, resolved_by=resolved_by)
        if resolved_by is None:
            audit(conn, caller, "claim.verify", claim["author_id"],
                  {"claim_id": claim_id, "level": claim["level"]})
    return Outcome("verified")


def _grant_unless_held(tx: ManagedTransaction, claim: dict[str, Any],
                       force: bool = False) -> list[str]:
    """Under the author's lock: the other users holding the record (when not forced), or []
    once granted."""
    author = run(tx, "claims/lock_author", author_id=claim["author_id"])[0]
    holders = [u for u in author["claimants"] if u != claim["user_id"]]
    if force or not holders:
        grant(tx, claim, author)
        return []
    return holders


def _refusal(claim: dict[str, Any], settings: Settings) -> str | None:
    """Why a claim can take no more attempts, whatever the code: used, expired or locked."""
    if claim["status"] == "granting":
        return "busy"
    if claim["status"] in ("expired", "locked"):
        return str(claim["status"])
    if claim["status"] != "pending":
        return "used"
    if claim["expires_at"] <= now():
        return "expired"
    if claim["attempts"] >= settings.claim_max_attempts:
        return "locked"
    return None


def grant(tx: ManagedTransaction, claim: dict[str, Any], author: dict[str, Any]) -> None:
    """Give the record to the claim's user at the claim's level, with scoring's wording."""
    facts = AuthorFacts(id=author["id"], identity=author["identity"],
                        record_source=author["record_source"], orcid=author["orcid"],
                        openalex_id=author["openalex_id"], claimed=True,
                        identity_verified=True, affiliation_verified=claim["level"] == "L3",
                        verified_by=claim["method"])
    level = verify(facts, author["works"])
    run(tx, "claims/grant_claim", author_id=claim["author_id"], user_id=claim["user_id"],
        method=claim["method"], level=claim["level"], label=level.label,
        reasons=level.reasons)


def _mark_granted(conn: Connection, claim: dict[str, Any], resolved_by: str | None) -> None:
    """The claim is verified (earlier verified claims of the record are superseded)."""
    at = now()
    claim_rows.set_status(conn, claim["id"], "verified",
                          verified_at=claim.get("verified_at") or at, resolved_by=resolved_by,
                          resolved_at=at if resolved_by else None)
    claim_rows.supersede_verified(conn, claim["author_id"], claim["id"], at)


def _raise_failure(outcome: Outcome, claim: dict[str, Any], settings: Settings) -> None:
    """The error a failed verification answers with; each says what to do next."""
    left = max(settings.claim_max_attempts - outcome.attempts, 0)
    restart = "start the claim again from the record's page."
    messages: dict[str, tuple[type[PeergraphError], str]] = {
        "wrong_code": (InvalidParameter, f"The code is wrong; {left} attempt(s) left."),
        "orcid_refused": (InvalidParameter, "ORCID refused the authorisation code (wrong, "
                                            f"used or expired); {left} attempt(s) left."),
        "orcid_mismatch": (Forbidden, "The ORCID iD you signed in with is not the one on "
                                      "this record. Sign in at ORCID with the record's iD, "
                                      "or ask for a review."),
        "expired": (InvalidParameter, f"The claim's code has expired; {restart}"),
        "used": (Conflict, f"This claim is already {claim['status']}: its code cannot be "
                           "used again."),
        "busy": (Conflict, "This claim is being checked by another request; look again in a "
                           "moment."),
        "locked": (RateLimited, f"This claim is locked after {settings.claim_max_attempts} "
                                f"wrong codes; {restart}"),
    }
    if outcome.status == "locked" and outcome.reason not in ("expired", "used", "busy"):
        outcome = Outcome("locked", "locked", outcome.attempts)  # that was the last try
    error, message = messages[outcome.reason or "used"]
    raise error(message)


def state_owner(store: AccountsStore, state: str, browser: Caller | None) -> tuple[str, Caller]:
    """(claim id, claimant) of an ORCID callback's `state`, used up at once.

    The callback must come from the claimant's own browser, signed in to the pages as the
    user who started the claim: else anyone who started a claim could send its ORCID link
    to the record's owner and have the owner's ORCID sign-in complete it for them."""
    with store.write() as conn:
        row = claim_rows.claim_by_state(conn, store.digest(STATE, state))
        if row is not None:
            claim_rows.set_status_fields(conn, row["id"], state_hash=None)  # single use
    if row is None:
        raise NotFound("No claim is waiting for this ORCID sign-in (the link was used or is "
                       "unknown); start the claim again.")
    if browser is None or browser.user_id != row["user_id"]:
        raise Unauthorized("Open the ORCID link in the browser where you are signed in to "
                           "Peergraph as the account that started this claim, then start "
                           "the claim again: this sign-in was not used.")
    return row["id"], caller_of_token(store, row["token_id"]) if row["token_id"] else browser


def resolve_dispute(graph: Graph, store: AccountsStore, admin: Caller,
                    claim_id: str, decision: str) -> tuple[dict[str, Any], str]:
    """An admin grants a disputed claim (the record moves) or rejects it (it stays)."""
    with store.write() as conn:
        claim = claim_rows.lock_claim(conn, claim_id)
        if claim is None:
            raise NotFound(f"No claim has the id {claim_id!r}.")
        if claim["status"] != "disputed":
            raise Conflict(f"Claim {claim_id} is {claim['status']}, not disputed: there is "
                           "nothing to resolve.")
        claim_rows.set_status(conn, claim_id, "granting" if decision == "grant" else
                              "rejected", resolved_at=now(), resolved_by=admin.user_id)
        audit(conn, admin, "claim.resolve", claim["author_id"],
              {"claim_id": claim_id, "decision": decision})
    if decision == "grant":  # the record moves, whoever holds it now
        move_record(graph, store, admin, claim_id, revert_to="disputed",
                     resolved_by=admin.user_id, force=True)
    claim = claim_for(store, admin, claim_id)
    moved = "moved to its claimant" if decision == "grant" else "stays with its holder"
    return claim, f"Dispute resolved ({decision}): the record {moved}."
