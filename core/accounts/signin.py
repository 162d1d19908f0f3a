"""One-time sign-in codes, by address, in the accounts store."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from core.accounts.tables import signin_codes


def create_code(conn: Connection, code_id: str, email: str, code_hash: str, now: datetime,
                expires_at: datetime) -> None:
    """Insert a pending code for the address; its earlier pending codes stop working."""
    conn.execute(update(signin_codes)
                 .where(signin_codes.c.email == email, signin_codes.c.status == "pending")
                 .values(status="superseded"))
    conn.execute(signin_codes.insert().values(id=code_id, email=email, code_hash=code_hash,
                                              status="pending", attempts=0, created_at=now,
                                              expires_at=expires_at))


def latest_code(conn: Connection, email: str) -> dict[str, Any] | None:
    """The address's newest code, with its hash, locked for this transaction (FOR UPDATE)."""
    row = conn.execute(select(signin_codes).where(signin_codes.c.email == email)
                       .order_by(signin_codes.c.created_at.desc(), signin_codes.c.id.desc())
                       .limit(1).with_for_update()).mappings().first()
    return dict(row) if row is not None else None


def set_code(conn: Connection, code_id: str, **values: Any) -> None:
    """Change a code's status, attempts or lock."""
    conn.execute(update(signin_codes).where(signin_codes.c.id == code_id).values(**values))
