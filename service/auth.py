"""Bearer tokens: issued once, stored only as keyed hashes in the accounts store, checked on
every write. `CurrentUser` and `AdminUser` are the dependencies every write endpoint uses."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from core.accounts import AccountsStore, people
from core.errors import Forbidden, NotFound, Unauthorized
from core.settings import Settings
from service.deps import AccountsDep, SettingsDep

TOKEN_PREFIX = "pg_"  # noqa: S105 - a marker that makes leaked tokens greppable, no secret
TOKEN = "token"  # noqa: S105 - the keyed-hash purpose of API tokens, no secret


@dataclass(frozen=True)
class Caller:
    """Who a request acts as: the user and the token (or page session) that proved it."""

    user_id: str
    token_id: str | None
    is_admin: bool
    email: str | None  # None: an account made by signing in with ORCID
    display_name: str
    orcid: str | None = None  # the verified ORCID iD on the account, if any


def new_id(prefix: str) -> str:
    """A random, unguessable id such as usr_3f9a…; the prefix says what it names."""
    return f"{prefix}_{secrets.token_hex(10)}"


def now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def issue_token(store: AccountsStore, settings: Settings, user_id: str,
                ttl_days: int | None = None, name: str | None = None
                ) -> tuple[dict[str, Any], str]:
    """Issue a token to a user in its own transaction: (token record, secret shown once)."""
    with store.write() as conn:
        if people.get_user(conn, user_id) is None:
            raise NotFound(f"No user has the id {user_id!r}.")
        return mint_token(conn, store, settings, user_id, ttl_days, name)


def mint_token(conn: Any, store: AccountsStore, settings: Settings, user_id: str,
               ttl_days: int | None = None, name: str | None = None
               ) -> tuple[dict[str, Any], str]:
    """Insert a new token inside the caller's transaction: (token record, secret)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    issued = now()
    token = people.create_token(conn, new_id("tok"), user_id, store.digest(TOKEN, secret),
                                name, issued,
                                issued + timedelta(days=ttl_days or settings.token_ttl_days))
    return token, secret


def authenticate(store: AccountsStore, secret: str) -> Caller:
    """The caller a token secret proves; Unauthorized when it is unknown, expired or revoked."""
    with store.read() as conn:
        row = people.caller_by_token_hash(conn, store.digest(TOKEN, secret))
    return _valid_caller(row)


def caller_of_token(store: AccountsStore, token_id: str) -> Caller:
    """The caller a stored token stands for, if it is still valid (e.g. the one that started
    an ORCID claim, whose callback carries no bearer token)."""
    with store.read() as conn:
        row = people.caller_by_token_id(conn, token_id)
    return _valid_caller(row)


def _valid_caller(row: dict[str, Any] | None) -> Caller:
    """Refuse a token unless it is known, unexpired and unrevoked."""
    if row is None:
        raise Unauthorized("The bearer token is not known: check it was copied whole, or "
                           "issue a new one (POST /api/v1/tokens or `peergraph users token`).")
    if row["revoked_at"] is not None:
        raise Unauthorized(f"Token {row['token_id']} was revoked at "
                           f"{row['revoked_at'].isoformat()}; use or issue another token.")
    if row["expires_at"] <= now():
        raise Unauthorized(f"Token {row['token_id']} expired at "
                           f"{row['expires_at'].isoformat()}; issue a new token.")
    return caller_of(row)


def caller_of(row: dict[str, Any]) -> Caller:
    """A Caller from a row with user_id, token_id, is_admin, email, display_name (and orcid)."""
    return Caller(user_id=row["user_id"], token_id=row["token_id"],
                  is_admin=bool(row["is_admin"]), email=row["email"],
                  display_name=row["display_name"], orcid=row.get("orcid"))


# auto_error=False: a missing header becomes our own problem+json 401, not FastAPI's 403.
_bearer = HTTPBearer(auto_error=False, description="A Peergraph API token (pg_…)")


def current_user(store: AccountsDep, settings: SettingsDep,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
                 ) -> Caller:
    """The caller of a write; Unauthorized without a valid `Authorization: Bearer` token."""
    if credentials is None or not credentials.credentials:
        raise Unauthorized("This request changes data and needs a token: send "
                           "`Authorization: Bearer <token>` (an admin creates users and "
                           "their first token; `peergraph users create --admin` bootstraps).")
    return authenticate(store, credentials.credentials)


def admin_user(caller: Annotated[Caller, Depends(current_user)]) -> Caller:
    """The caller, who must be an admin."""
    if not caller.is_admin:
        raise Forbidden(f"Only an admin may do this; user {caller.user_id} is not an admin.")
    return caller


CurrentUser = Annotated[Caller, Depends(current_user)]
AdminUser = Annotated[Caller, Depends(admin_user)]
