"""Users and their tokens: creation (admins, or the CLI's bootstrap), issue and revocation."""

from __future__ import annotations

from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ConstraintError

from service.auth import Caller, mint_token, new_id
from service.errors import Conflict, Forbidden, InvalidParameter, NotFound
from service.identity.store import audit, audited, read_one, run, write
from service.settings import Settings

# Who acts when the CLI bootstraps the first admin: there is no token yet.
CLI_CALLER = Caller(user_id="cli", token_id=None, is_admin=True, email="", display_name="CLI")


def create_user(driver: Driver, settings: Settings, caller: Caller, email: str,
                display_name: str, is_admin: bool = False, with_token: bool = True
                ) -> tuple[dict[str, Any], dict[str, Any] | None, str | None]:
    """Create a user and optionally its first token, in one transaction: (user, token, secret).

    E-mail addresses are unique, compared lower-case; Conflict when one is taken."""
    email, user_id = email.strip().lower(), new_id("usr")
    params, secret = mint_token(settings, user_id)

    def work(tx: ManagedTransaction) -> tuple[dict[str, Any], dict[str, Any] | None]:
        user = run(tx, "users/create_user", id=user_id, email=email,
                   display_name=display_name.strip(), is_admin=is_admin)[0]["user"]
        token = run(tx, "tokens/create_token", **params)[0]["token"] if with_token else None
        audit(tx, caller, "user.create", user_id, {"is_admin": is_admin, "token_id":
                                                    token["id"] if token else None})
        return user, token

    try:
        user, token = write(driver, settings, work)
    except ConstraintError as exc:
        raise Conflict(f"A user with the e-mail {email!r} already exists.") from exc
    return user, token, secret if with_token else None


def get_user(driver: Driver, settings: Settings, user_id: str) -> dict[str, Any]:
    """One user by id; NotFound otherwise."""
    row = read_one(driver, settings, "users/get_user", id=user_id)
    if row is None:
        raise NotFound(f"No user has the id {user_id!r}.")
    user: dict[str, Any] = row["user"]
    return user


def new_token(driver: Driver, settings: Settings, caller: Caller, user_id: str | None,
              days: int | None, name: str | None) -> tuple[dict[str, Any], str]:
    """Issue a token to the caller, or (admins only) to another user; (token, secret)."""
    owner = user_id or caller.user_id
    if owner != caller.user_id and not caller.is_admin:
        raise Forbidden(f"You are {caller.user_id}: only an admin may issue a token to "
                        f"another user ({owner}).")
    if days is not None and days > settings.token_max_ttl_days:
        raise InvalidParameter(
            f"expires_in_days may be at most {settings.token_max_ttl_days}, not {days}.",
            errors=[{"parameter": "expires_in_days", "in": "body",
                     "message": f"at most {settings.token_max_ttl_days}"}])
    params, secret = mint_token(settings, owner, days, name)

    def work(tx: ManagedTransaction) -> dict[str, Any] | None:
        rows = run(tx, "tokens/create_token", **params)
        if rows:
            audit(tx, caller, "token.issue", params["id"], {"user_id": owner})
        return rows[0]["token"] if rows else None

    token = write(driver, settings, work)
    if token is None:
        raise NotFound(f"No user has the id {owner!r}.")
    return token, secret


def revoke_token(driver: Driver, settings: Settings, caller: Caller,
                 token_id: str) -> dict[str, Any]:
    """Revoke one of the caller's tokens (admins: anyone's); idempotent."""
    row = read_one(driver, settings, "tokens/get_token", id=token_id)
    if row is None:
        raise NotFound(f"No token has the id {token_id!r}.")
    if row["token"]["user_id"] != caller.user_id and not caller.is_admin:
        raise Forbidden(f"Token {token_id} belongs to another user; you may revoke only "
                        "your own tokens.")
    rows = audited(driver, settings, caller, "token.revoke", token_id, "tokens/revoke_token",
                   id=token_id)
    token: dict[str, Any] = rows[0]["token"]
    return token
