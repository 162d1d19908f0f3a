"""Users and their tokens: creation (admins, or the CLI's bootstrap), issue and revocation."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError

from core.accounts import AccountsStore, people
from core.errors import Conflict, Forbidden, InvalidParameter, NotFound
from core.settings import Settings
from service.auth import Caller, mint_token, new_id, now
from service.identity.store import audit

# Who acts when the CLI bootstraps the first admin: there is no token yet.
CLI_CALLER = Caller(user_id="cli", token_id=None, is_admin=True, email="", display_name="CLI")


def create_user(store: AccountsStore, settings: Settings, caller: Caller, email: str,
                display_name: str, is_admin: bool = False, with_token: bool = True
                ) -> tuple[dict[str, Any], dict[str, Any] | None, str | None]:
    """Create a user and optionally its first token, in one transaction: (user, token, secret).

    E-mail addresses are unique, compared lower-case; Conflict when one is taken."""
    email, user_id = email.strip().lower(), new_id("usr")
    try:
        with store.write() as conn:
            user = people.create_user(conn, user_id, email, display_name.strip(), is_admin,
                                      now())
            token, secret = (mint_token(conn, store, settings, user_id) if with_token
                             else (None, None))
            audit(conn, caller, "user.create", user_id,
                  {"is_admin": is_admin, "token_id": token["id"] if token else None})
    except IntegrityError as exc:
        raise Conflict(f"A user with the e-mail {email!r} already exists.") from exc
    return user, token, secret


def get_user(store: AccountsStore, user_id: str) -> dict[str, Any]:
    """One user by id; NotFound otherwise."""
    with store.read() as conn:
        user = people.get_user(conn, user_id)
    if user is None:
        raise NotFound(f"No user has the id {user_id!r}.")
    return user


def new_token(store: AccountsStore, settings: Settings, caller: Caller, user_id: str | None,
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
    with store.write() as conn:
        if people.get_user(conn, owner) is None:
            raise NotFound(f"No user has the id {owner!r}.")
        token, secret = mint_token(conn, store, settings, owner, days, name)
        audit(conn, caller, "token.issue", token["id"], {"user_id": owner})
    return token, secret


def revoke_token(store: AccountsStore, caller: Caller, token_id: str) -> dict[str, Any]:
    """Revoke one of the caller's tokens (admins: anyone's), ending its page sessions;
    idempotent."""
    with store.write() as conn:
        token = people.get_token(conn, token_id)
        if token is None:
            raise NotFound(f"No token has the id {token_id!r}.")
        if token["user_id"] != caller.user_id and not caller.is_admin:
            raise Forbidden(f"Token {token_id} belongs to another user; you may revoke only "
                            "your own tokens.")
        people.revoke_token(conn, token_id, now())
        audit(conn, caller, "token.revoke", token_id)
        revoked = people.get_token(conn, token_id)
    assert revoked is not None
    return revoked


def list_users(store: AccountsStore, skip: int, limit: int) -> list[dict[str, Any]]:
    """Users, newest first."""
    with store.read() as conn:
        return people.list_users(conn, skip, limit)


def list_tokens(store: AccountsStore, user_id: str) -> list[dict[str, Any]]:
    """A user's tokens, newest first (never their hashes)."""
    with store.read() as conn:
        return people.list_tokens(conn, user_id)


def add_record_email(store: AccountsStore, author_id: str, email: str) -> None:
    """Put an address on an author's record (idempotent)."""
    with store.write() as conn:
        people.add_record_email(store.insert, conn, author_id, email.strip().lower(), now())


def user_by_email(store: AccountsStore, email: str) -> dict[str, Any] | None:
    """A user by e-mail address (compared lower-case), or None."""
    with store.read() as conn:
        return people.get_user_by_email(conn, email.strip().lower())
