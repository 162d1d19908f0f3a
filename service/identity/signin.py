"""Signing in by a one-time code e-mailed to the address: the same steps whether or not the
address has an account (the answer never says which); a new address gets its account only
once its code is verified.

Codes are stored as keyed hashes salted by the code's id, work once, expire, and lock the
address for a while after a few wrong tries; sends are rate-limited per address and per
client address, so guessing a 6-digit code is out of reach."""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from core.accounts import AccountsStore, people
from core.accounts import signin as code_rows
from core.errors import InvalidParameter, RateLimited
from core.settings import Settings
from service.auth import Caller, caller_of, new_id, now
from service.identity import ratelimit
from service.identity.store import audit
from service.outbox import Message, Outbox

CODE, ADDRESS = "signin-code", "signin-address"  # keyed-hash purposes
_ADDRESS = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class SignedIn:
    """Who the code signed in, and whether their account was made just now."""

    caller: Caller
    created: bool


def address_of(email: str) -> str:
    """The address as stored (lower-case, trimmed); InvalidParameter when it is none."""
    address = email.strip().lower()
    if len(address) > 320 or not _ADDRESS.fullmatch(address):
        raise InvalidParameter(f"{email.strip()!r} is not an e-mail address; check it and try "
                               "again.", errors=[{"parameter": "email", "in": "body",
                                                  "message": "not an e-mail address"}])
    return address


def _digest(store: AccountsStore, code_id: str, code: str) -> str:
    """What the store keeps of a code: keyed, and salted by the code's id."""
    return store.digest(CODE, f"{code_id}:{code.strip()}")


def _count(store: AccountsStore, settings: Settings, key: str, limit: int, what: str) -> None:
    """One sign-in step counted against a limit of the sign-in window."""
    ratelimit.hit(store, settings, key, limit, what, settings.signin_window_s)


def _refuse_if_locked(row: dict[str, Any] | None) -> None:
    """RateLimited while the address is locked after too many wrong codes."""
    until: datetime | None = row["locked_until"] if row else None
    if until is not None and until > now():
        wait, headers = ratelimit.wait_until(until)
        raise RateLimited(f"Too many wrong codes for this address: wait {wait}, then ask "
                          "for a new code.", headers=headers)


def send_code(store: AccountsStore, settings: Settings, outbox: Outbox, email: str,
              client: str) -> str:
    """E-mail a new code to the address (earlier ones stop working); the address as stored.

    The visitor typed it, so it is shown back whole (a typo is then easy to spot)."""
    address = address_of(email)
    _count(store, settings, f"signin-client:{client}", settings.signin_client_limit,
           "sign-in attempts from your network")
    _count(store, settings, f"signin-send:{store.digest(ADDRESS, address)}",
           settings.signin_send_limit, "codes sent to this address")
    code_id, code, started = new_id("sic"), f"{secrets.randbelow(10**6):06d}", now()
    with store.write() as conn:
        _refuse_if_locked(code_rows.latest_code(conn, address))
        code_rows.create_code(conn, code_id, address, _digest(store, code_id, code), started,
                              started + timedelta(seconds=settings.signin_code_ttl_s))
    outbox.send(_code_message(address, code, settings))
    return address


def _code_message(address: str, code: str, settings: Settings) -> Message:
    """The e-mail that carries a sign-in code (the same whether or not an account exists)."""
    wait = ratelimit.minutes(settings.signin_code_ttl_s)
    return Message(to=address, subject=f"Your Peergraph sign-in code: {code}",
                   body=f"Someone asked to sign in to Peergraph as {address}.\n\nIf it was "
                        f"you, the code is {code}; it works once, within {wait}. If this "
                        "address has no Peergraph account yet, the code creates one.\nIf it "
                        "was not you, ignore this message: nothing happens without the "
                        "code.\n")


def verify_code(store: AccountsStore, settings: Settings, email: str, code: str,
                client: str) -> SignedIn:
    """Check the address's newest code; signed in (the account made if new), or why not."""
    address = address_of(email)
    _count(store, settings, f"signin-client:{client}", settings.signin_client_limit,
           "sign-in attempts from your network")
    with store.write() as conn:
        row = code_rows.latest_code(conn, address)
        failure = _failure(conn, settings, row, code, _digest(store, row["id"], code)
                           if row else "")
        if failure is None:
            assert row is not None
            code_rows.set_code(conn, row["id"], status="used")
            return _account(conn, address)
    raise failure


def _failure(conn: Connection, settings: Settings, row: dict[str, Any] | None, code: str,
             digest: str) -> Exception | None:
    """Why the code does not sign in (a wrong one counted, locking the address at the last
    try), or None when it does."""
    _refuse_if_locked(row)
    if row is None:
        return InvalidParameter("No code is waiting for this address: ask for a new code.")
    if row["status"] != "pending":
        return InvalidParameter("That code has been used or replaced by a newer one: ask for "
                                "a new code.")
    if row["expires_at"] <= now():
        return InvalidParameter("That code has expired: ask for a new one.")
    if hmac.compare_digest(row["code_hash"], digest):
        return None
    attempts = row["attempts"] + 1
    left = settings.signin_max_attempts - attempts
    if left > 0:
        code_rows.set_code(conn, row["id"], attempts=attempts)
        return InvalidParameter("That code is not right: use the code in the newest e-mail; "
                                f"{left} {'try' if left == 1 else 'tries'} left.")
    code_rows.set_code(conn, row["id"], attempts=attempts, status="locked",
                       locked_until=now() + timedelta(seconds=settings.signin_lock_s))
    wait = ratelimit.minutes(settings.signin_lock_s)
    return RateLimited(f"That code is not right, and that was the last try: wait {wait}, "
                       "then ask for a new code.", headers={"Retry-After":
                                                            str(settings.signin_lock_s)})


def _account(conn: Connection, address: str) -> SignedIn:
    """The address's account, made now (audited) when it has none."""
    user = people.get_user_by_email(conn, address)
    created = user is None
    if user is None:
        user = people.create_user(conn, new_id("usr"), address, display_name_of(address),
                                  False, now())
    caller = caller_of({**user, "user_id": user["id"], "token_id": None})
    if created:
        audit(conn, caller, "user.signup", caller.user_id, {"method": "email"})
    return SignedIn(caller, created)


def display_name_of(address: str) -> str:
    """A first name to show for a new account, from the address (ada.lovelace → Ada
    Lovelace); the person can change it."""
    local = address.partition("@")[0].split("+")[0]
    words = [w for w in re.split(r"[._\-]+", local) if w]
    return " ".join(w.capitalize() for w in words)[:200] or local[:200] or "New member"


def rename(store: AccountsStore, caller: Caller, display_name: str) -> str:
    """Change the caller's display name (audited); the name as stored."""
    name = " ".join(display_name.split())[:200]
    if not name:
        raise InvalidParameter("Give a name for others to see.",
                               errors=[{"parameter": "display_name", "in": "body",
                                        "message": "required"}])
    with store.write() as conn:
        people.set_display_name(conn, caller.user_id, name)
        audit(conn, caller, "user.rename", caller.user_id)
    return name
