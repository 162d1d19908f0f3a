"""Bearer tokens: issued once, stored only as sha256 hashes, checked on every write.

`CurrentUser` and `AdminUser` are the FastAPI dependencies every write endpoint uses."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from neo4j import Driver, RoutingControl

from cypher import query
from service.deps import DriverDep, SettingsDep
from service.errors import Forbidden, NotFound, Unauthorized
from service.repository.convert import plain
from service.settings import Settings

TOKEN_PREFIX = "pg_"  # noqa: S105 - a marker that makes leaked tokens greppable, no secret


@dataclass(frozen=True)
class Caller:
    """Who a request acts as: the user and the token that proved it."""

    user_id: str
    token_id: str | None
    is_admin: bool
    email: str
    display_name: str


def new_id(prefix: str) -> str:
    """A random, unguessable id such as usr_3f9a…; the prefix says what it names."""
    return f"{prefix}_{secrets.token_hex(10)}"


def digest(secret: str) -> str:
    """The hex sha256 of a secret: what the graph stores instead of tokens and codes."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def mint_token(settings: Settings, user_id: str, ttl_days: int | None = None,
               name: str | None = None) -> tuple[dict[str, Any], str]:
    """The parameters of tokens/create_token and the secret they are for (shown once)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = datetime.now(UTC) + timedelta(days=ttl_days or settings.token_ttl_days)
    params = {"user_id": user_id, "id": new_id("tok"), "hash": digest(secret), "name": name,
              "expires_at": expires_at.isoformat()}
    return params, secret


def issue_token(driver: Driver, settings: Settings, user_id: str, *,
                ttl_days: int | None = None, name: str | None = None
                ) -> tuple[dict[str, Any], str]:
    """Issue a token to a user; returns (token record, secret). The secret is never stored."""
    params, secret = mint_token(settings, user_id, ttl_days, name)
    records, _, _ = driver.execute_query(query("tokens/create_token"), params,
                                         database_=settings.neo4j_database)
    if not records:
        raise NotFound(f"No user has the id {user_id!r}.")
    return plain(records[0]["token"]), secret


def authenticate(driver: Driver, settings: Settings, secret: str) -> Caller:
    """The caller a token secret proves; Unauthorized when it is unknown, expired or revoked."""
    return _caller(driver, settings, "tokens/get_caller", hash=digest(secret))


def caller_of_token(driver: Driver, settings: Settings, token_id: str) -> Caller:
    """The caller a stored token stands for, if it is still valid (e.g. the one that started
    an ORCID claim, whose callback carries no bearer token)."""
    return _caller(driver, settings, "tokens/get_caller_by_id", id=token_id)


def _caller(driver: Driver, settings: Settings, name: str, **key: str) -> Caller:
    """Look a token up and refuse it unless it is known, unexpired and unrevoked."""
    records, _, _ = driver.execute_query(query(name), key, database_=settings.neo4j_database,
                                         routing_=RoutingControl.READ)
    if not records:
        raise Unauthorized("The bearer token is not known: check it was copied whole, or "
                           "issue a new one (POST /api/v1/tokens or `peergraph users token`).")
    row = records[0]
    if row["revoked_at"] is not None:
        raise Unauthorized(f"Token {row['token_id']} was revoked at "
                           f"{row['revoked_at'].iso_format()}; use or issue another token.")
    if row["expires_at"].to_native() <= datetime.now(UTC):
        raise Unauthorized(f"Token {row['token_id']} expired at "
                           f"{row['expires_at'].iso_format()}; issue a new token.")
    user = row["user"]
    return Caller(user_id=user["id"], token_id=row["token_id"],
                  is_admin=bool(user["is_admin"]), email=user["email"],
                  display_name=user["display_name"])


# auto_error=False: a missing header becomes our own problem+json 401, not FastAPI's 403.
_bearer = HTTPBearer(auto_error=False, description="A Peergraph API token (pg_…)")


def current_user(driver: DriverDep, settings: SettingsDep,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
                 ) -> Caller:
    """The caller of a write; Unauthorized without a valid `Authorization: Bearer` token."""
    if credentials is None or not credentials.credentials:
        raise Unauthorized("This request changes data and needs a token: send "
                           "`Authorization: Bearer <token>` (an admin creates users and "
                           "their first token; `peergraph users create --admin` bootstraps).")
    return authenticate(driver, settings, credentials.credentials)


def admin_user(caller: Annotated[Caller, Depends(current_user)]) -> Caller:
    """The caller, who must be an admin."""
    if not caller.is_admin:
        raise Forbidden(f"Only an admin may do this; user {caller.user_id} is not an admin.")
    return caller


CurrentUser = Annotated[Caller, Depends(current_user)]
AdminUser = Annotated[Caller, Depends(admin_user)]
