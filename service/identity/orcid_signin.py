"""Signing in with ORCID (the OAuth authorisation-code flow), and connecting an ORCID iD to the
signed-in account.

The OAuth state is random, kept only as a keyed hash, works once, expires after the sign-in
code lifetime, and is bound to the browser session that asked for it (the keyed hash of its
session id): a state sent to someone else, or used after signing in or out, does nothing.
The iD ORCID names is verified: the account that has it is signed in, else one is made for
it (with no e-mail address). Failures are worded for the person at the browser."""

from __future__ import annotations

import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.exc import IntegrityError

from core.accounts import AccountsStore, people
from core.accounts import orcid_states as state_rows
from core.errors import (
    ConfigurationError,
    Conflict,
    Forbidden,
    InvalidParameter,
    NotFound,
    PeergraphError,
    UpstreamUnavailable,
)
from core.settings import Settings
from service.auth import Caller, caller_of, new_id, now
from service.identity import ratelimit
from service.identity.signin import SignedIn
from service.identity.store import audit
from service.orcid import OrcidClient, OrcidIdentity, OrcidRefused, orcid_configured

log = logging.getLogger("peergraph.orcid")

SIGNIN, LINK = "signin", "link"  # what a state is for
STATE = "orcid-signin-state"  # the keyed-hash purpose (a claim's states have their own)
PLACEHOLDER_NAME = "New member"  # when ORCID gives no name (the person keeps it private)
NOT_AVAILABLE = ("Signing in with ORCID is not available on this server. Sign in with your "
                 "e-mail address instead.")
EXPIRED = ("This ORCID sign-in took too long and has expired, so nothing was changed: start "
           "again.")
ELSEWHERE = ("This ORCID sign-in was started in another browser, or before you signed in or "
             "out, so it was not used and nothing was changed: start again in this browser.")
DENIED = ("You chose not to share your ORCID iD with Peergraph, so nothing was changed. To use "
          "ORCID, start again and allow access when ORCID asks.")
REFUSED = ("ORCID did not confirm this sign-in (it may have been used already or taken too "
           "long), so nothing was changed: start again.")
NO_ANSWER = "ORCID did not answer just now, so nothing was changed: try again in a few minutes."
TAKEN = ("That ORCID iD is already connected to another account on Peergraph, so it was not "
         "connected to this one. To use that account, sign out, then sign in with ORCID.")


@dataclass(frozen=True)
class Pending:
    """An ORCID sign-in a callback came back for: what for, where to go after, and why it
    cannot go on (None when it can)."""

    purpose: str
    next: str
    refusal: PeergraphError | None = None


def begin(store: AccountsStore, settings: Settings, orcid: OrcidClient, session_hash: str,
          purpose: str, next_page: str, client: str) -> str:
    """ORCID's authorize URL for a new state bound to this browser session; starts count per
    client address, as the e-mailed codes' steps do."""
    if not orcid_configured(settings):
        raise NotFound(NOT_AVAILABLE)
    ratelimit.hit(store, settings, f"signin-client:{client}", settings.signin_client_limit,
                  "sign-in attempts from your network", settings.signin_window_s)
    state, started = secrets.token_urlsafe(32), now()
    with store.write() as conn:
        state_rows.delete_expired_states(conn, started)
        state_rows.create_state(conn, store.digest(STATE, state), session_hash, purpose,
                                next_page, started,
                                started + timedelta(seconds=settings.signin_code_ttl_s))
    return orcid.authorize_url(state)


def take(store: AccountsStore, state: str, session_hash: str) -> Pending | None:
    """The sign-in this state belongs to, used up at once; None when it is not one (a claim's
    state, or unknown)."""
    with store.write() as conn:
        row = state_rows.take_state(conn, store.digest(STATE, state))
    if row is None:
        return None
    refusal: PeergraphError | None = None
    if row["expires_at"] <= now():
        refusal = InvalidParameter(EXPIRED)
    elif not hmac.compare_digest(row["session_hash"], session_hash):
        refusal = Forbidden(ELSEWHERE)
    return Pending(row["purpose"], row["next"], refusal)


def is_waiting(store: AccountsStore, state: str) -> bool:
    """Whether this state is a sign-in's still waiting (it stays usable)."""
    with store.read() as conn:
        return state_rows.has_state(conn, store.digest(STATE, state))


def identify(orcid: OrcidClient, code: str | None, error: str | None) -> OrcidIdentity:
    """Who ORCID says signed in, from what it sent the browser back with."""
    if error == "access_denied":
        raise Forbidden(DENIED)
    if error or not code:
        raise InvalidParameter(REFUSED)
    try:
        return orcid.exchange(code)
    except OrcidRefused as exc:
        raise InvalidParameter(REFUSED) from exc
    except (UpstreamUnavailable, ConfigurationError) as exc:
        log.warning("ORCID sign-in failed: %s", exc.detail)
        raise UpstreamUnavailable(NO_ANSWER) from exc


def sign_in_with(store: AccountsStore, identity: OrcidIdentity) -> SignedIn:
    """The account with this verified iD, made now (audited) when there is none."""
    try:
        return _account(store, identity)
    except IntegrityError:  # the same iD's account made at this very moment: sign into it
        return _account(store, identity)


def _account(store: AccountsStore, identity: OrcidIdentity) -> SignedIn:
    """Find or make the iD's account, in one transaction."""
    with store.write() as conn:
        user = people.get_user_by_orcid(conn, identity.orcid)
        created = user is None
        if user is None:
            name = " ".join((identity.name or "").split())[:200] or PLACEHOLDER_NAME
            user = people.create_user(conn, new_id("usr"), None, name, False, now(),
                                      orcid=identity.orcid)
        caller = caller_of({**user, "user_id": user["id"], "token_id": None})
        if created:
            audit(conn, caller, "user.signup", caller.user_id, {"method": "orcid"})
    return SignedIn(caller, created)


def link(store: AccountsStore, caller: Caller, identity: OrcidIdentity) -> None:
    """Put the verified iD on the caller's account (audited); Conflict when another account
    has it, or this one has another."""
    try:
        with store.write() as conn:
            holder = people.get_user_by_orcid(conn, identity.orcid)
            if holder is not None:
                if holder["id"] != caller.user_id:
                    raise Conflict(TAKEN)
                return  # already this account's: nothing to do
            if not people.set_orcid(conn, caller.user_id, identity.orcid, now()):
                mine = people.get_user(conn, caller.user_id) or {}
                raise Conflict(f"Your account is already connected to the ORCID iD "
                               f"{mine.get('orcid')}, so it was not changed.")
            audit(conn, caller, "user.orcid_link", caller.user_id, {"orcid": identity.orcid})
    except IntegrityError as exc:  # another account took the iD at this very moment
        raise Conflict(TAKEN) from exc
