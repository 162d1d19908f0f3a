"""ORCID sign-ins in flight (sign in, or link an iD to a signed-in account), by the keyed
hash of their OAuth state, in the accounts store."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, select

from core.accounts.tables import orcid_states


def create_state(conn: Connection, state_hash: str, session_hash: str, purpose: str,
                 next_page: str, now: datetime, expires_at: datetime) -> None:
    """Record a state handed to ORCID, bound to the browser session that asked for it."""
    conn.execute(orcid_states.insert().values(state_hash=state_hash, session_hash=session_hash,
                                              purpose=purpose, next=next_page, created_at=now,
                                              expires_at=expires_at))


def take_state(conn: Connection, state_hash: str) -> dict[str, Any] | None:
    """The state's row, deleted as it is read (a state works once), or None."""
    row = conn.execute(select(orcid_states).where(orcid_states.c.state_hash == state_hash)
                       .with_for_update()).mappings().first()
    if row is None:
        return None
    conn.execute(delete(orcid_states).where(orcid_states.c.state_hash == state_hash))
    return dict(row)


def has_state(conn: Connection, state_hash: str) -> bool:
    """Whether a state is waiting (read only: it stays usable)."""
    found = conn.execute(select(orcid_states.c.state_hash)
                         .where(orcid_states.c.state_hash == state_hash)).first()
    return found is not None


def delete_expired_states(conn: Connection, now: datetime) -> int:
    """Forget states past their expiry; how many went."""
    return conn.execute(delete(orcid_states).where(orcid_states.c.expires_at <= now)).rowcount
