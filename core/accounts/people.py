"""Users, their API tokens and their page sessions, in the accounts store."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, or_, select, update

from core.accounts.tables import author_emails, tokens, users, web_sessions

USER_COLUMNS = (users.c.id, users.c.email, users.c.display_name, users.c.is_admin,
                users.c.created_at, users.c.orcid, users.c.orcid_verified_at)
TOKEN_COLUMNS = (tokens.c.id, tokens.c.name, tokens.c.user_id, tokens.c.created_at,
                 tokens.c.expires_at, tokens.c.revoked_at)  # never the hash


def _one(conn: Connection, statement: Any) -> dict[str, Any] | None:
    """The first row as a dict, or None."""
    row = conn.execute(statement).mappings().first()
    return dict(row) if row is not None else None


def create_user(conn: Connection, user_id: str, email: str | None, display_name: str,
                is_admin: bool, now: datetime, orcid: str | None = None) -> dict[str, Any]:
    """Insert a user: by e-mail, or (email None) by a verified ORCID iD; the unique e-mail
    and iD refuse a second one (IntegrityError)."""
    row = {"id": user_id, "email": email, "display_name": display_name, "is_admin": is_admin,
           "created_at": now, "orcid": orcid, "orcid_verified_at": now if orcid else None}
    conn.execute(users.insert().values(**row))
    return row


def get_user(conn: Connection, user_id: str) -> dict[str, Any] | None:
    """One user by id."""
    return _one(conn, select(*USER_COLUMNS).where(users.c.id == user_id))


def users_by_email(conn: Connection, emails: list[str]) -> list[dict[str, Any]]:
    """The users that have any of these (lower-case) addresses."""
    return [dict(r) for r in conn.execute(select(*USER_COLUMNS)
                                          .where(users.c.email.in_(emails))).mappings()]


def users_by_id(conn: Connection, user_ids: set[str]) -> list[dict[str, Any]]:
    """The users with these ids (unknown ids are left out)."""
    return [dict(r) for r in conn.execute(select(*USER_COLUMNS)
                                          .where(users.c.id.in_(sorted(user_ids)))).mappings()]


def set_display_name(conn: Connection, user_id: str, display_name: str) -> None:
    """Change the name a user is shown by."""
    conn.execute(update(users).where(users.c.id == user_id).values(display_name=display_name))


def get_user_by_email(conn: Connection, email: str) -> dict[str, Any] | None:
    """One user by (lower-case) e-mail address."""
    return _one(conn, select(*USER_COLUMNS).where(users.c.email == email))


def get_user_by_orcid(conn: Connection, orcid: str) -> dict[str, Any] | None:
    """One user by the (bare) ORCID iD verified on their account."""
    return _one(conn, select(*USER_COLUMNS).where(users.c.orcid == orcid))


def set_orcid(conn: Connection, user_id: str, orcid: str, now: datetime) -> bool:
    """Put a verified iD on an account that has none; False when it already has one."""
    done = conn.execute(update(users).where(users.c.id == user_id, users.c.orcid.is_(None))
                        .values(orcid=orcid, orcid_verified_at=now))
    return bool(done.rowcount)


def list_users(conn: Connection, skip: int, limit: int) -> list[dict[str, Any]]:
    """Users, newest first."""
    rows = conn.execute(select(*USER_COLUMNS).order_by(users.c.created_at.desc(), users.c.id)
                        .offset(skip).limit(limit)).mappings()
    return [dict(row) for row in rows]


def record_emails(conn: Connection, author_id: str) -> list[str]:
    """The addresses on an author's record (lower-case), oldest first."""
    return list(conn.execute(select(author_emails.c.email)
                             .where(author_emails.c.author_id == author_id)
                             .order_by(author_emails.c.added_at, author_emails.c.email)
                             ).scalars())


def add_record_email(store_insert: Any, conn: Connection, author_id: str, email: str,
                     now: datetime) -> None:
    """Put an address on an author's record; already there is fine."""
    conn.execute(store_insert(author_emails).values(author_id=author_id, email=email,
                                                    added_at=now).on_conflict_do_nothing())


def create_token(conn: Connection, token_id: str, user_id: str, digest: str,
                 name: str | None, now: datetime, expires_at: datetime) -> dict[str, Any]:
    """Insert a token (only the keyed hash of its secret); its public fields come back."""
    row = {"id": token_id, "user_id": user_id, "name": name, "created_at": now,
           "expires_at": expires_at, "revoked_at": None}
    conn.execute(tokens.insert().values(hash=digest, **row))
    return row


def get_token(conn: Connection, token_id: str) -> dict[str, Any] | None:
    """One token by id (never its hash)."""
    return _one(conn, select(*TOKEN_COLUMNS).where(tokens.c.id == token_id))


def list_tokens(conn: Connection, user_id: str) -> list[dict[str, Any]]:
    """A user's tokens, newest first."""
    rows = conn.execute(select(*TOKEN_COLUMNS).where(tokens.c.user_id == user_id)
                        .order_by(tokens.c.created_at.desc(), tokens.c.id)).mappings()
    return [dict(row) for row in rows]


def revoke_token(conn: Connection, token_id: str, now: datetime) -> None:
    """Revoke a token (the first time is kept) and end the page sessions it opened."""
    conn.execute(update(tokens).where(tokens.c.id == token_id)
                 .values(revoked_at=func.coalesce(tokens.c.revoked_at, now)))
    conn.execute(delete(web_sessions).where(web_sessions.c.token_id == token_id))


def _caller_select() -> Any:
    """Token and user fields a request's caller is made from."""
    return (select(tokens.c.id.label("token_id"), tokens.c.expires_at, tokens.c.revoked_at,
                   users.c.id.label("user_id"), users.c.email, users.c.display_name,
                   users.c.is_admin, users.c.orcid)
            .join(users, users.c.id == tokens.c.user_id))


def caller_by_token_hash(conn: Connection, digest: str) -> dict[str, Any] | None:
    """The token with this keyed hash and its user."""
    return _one(conn, _caller_select().where(tokens.c.hash == digest))


def caller_by_token_id(conn: Connection, token_id: str) -> dict[str, Any] | None:
    """A token by id and its user (for a claim's starting token)."""
    return _one(conn, _caller_select().where(tokens.c.id == token_id))


def create_session(conn: Connection, digest: str, user_id: str, token_id: str | None,
                   now: datetime, expires_at: datetime) -> None:
    """Open a page session; the store keeps only the keyed hash of its id."""
    conn.execute(web_sessions.insert().values(id_hash=digest, user_id=user_id,
                                              token_id=token_id, created_at=now,
                                              expires_at=expires_at))


def session_caller(conn: Connection, digest: str, now: datetime) -> dict[str, Any] | None:
    """The user of a live session (unexpired; its token, if any, unrevoked and unexpired)."""
    live_token = or_(web_sessions.c.token_id.is_(None),
                     select(tokens.c.id).where(tokens.c.id == web_sessions.c.token_id,
                                               tokens.c.revoked_at.is_(None),
                                               tokens.c.expires_at > now).exists())
    return _one(conn, select(web_sessions.c.token_id, users.c.id.label("user_id"),
                             users.c.email, users.c.display_name, users.c.is_admin,
                             users.c.orcid)
                .join(users, users.c.id == web_sessions.c.user_id)
                .where(web_sessions.c.id_hash == digest, web_sessions.c.expires_at > now,
                       live_token))


def delete_session(conn: Connection, digest: str) -> None:
    """End a page session (sign-out); a replayed cookie then finds nothing."""
    conn.execute(delete(web_sessions).where(web_sessions.c.id_hash == digest))


def delete_expired_sessions(conn: Connection, now: datetime) -> int:
    """Forget sessions past their expiry; how many went."""
    return conn.execute(delete(web_sessions).where(web_sessions.c.expires_at <= now)).rowcount
