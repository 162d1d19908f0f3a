"""The audit trail of every write, and collaboration invitations."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select, update

from core.accounts.tables import audit_events, claims, invitations


def add_event(conn: Connection, event_id: str, user_id: str, token_id: str | None,
              action: str, target: str, detail: dict[str, Any] | None, now: datetime) -> None:
    """Record one write: who (user, token), what (action, target, detail), when."""
    conn.execute(audit_events.insert().values(
        id=event_id, at=now, user_id=user_id, token_id=token_id, action=action, target=target,
        detail=json.dumps(detail, sort_keys=True) if detail else None))


def list_events(conn: Connection, user_id: str | None, action: str | None,
                before: datetime | None, limit: int) -> list[dict[str, Any]]:
    """Audit events, newest first, each filter optional; detail decoded."""
    query = select(audit_events)
    if user_id is not None:
        query = query.where(audit_events.c.user_id == user_id)
    if action is not None:
        query = query.where(audit_events.c.action == action)
    if before is not None:
        query = query.where(audit_events.c.at < before)
    rows = conn.execute(query.order_by(audit_events.c.at.desc(), audit_events.c.id.desc())
                        .limit(limit)).mappings()
    return [{**row, "detail": json.loads(row["detail"]) if row["detail"] else None}
            for row in rows]


def events_on(conn: Connection, action: str, target: str,
              limit: int = 100) -> list[dict[str, Any]]:
    """One action's audit events on one target, newest first; detail decoded."""
    rows = conn.execute(select(audit_events)
                        .where(audit_events.c.action == action, audit_events.c.target == target)
                        .order_by(audit_events.c.at.desc(), audit_events.c.id.desc())
                        .limit(limit)).mappings()
    return [{**row, "detail": json.loads(row["detail"]) if row["detail"] else None}
            for row in rows]


def pending_between(conn: Connection, from_author: str, to_author: str) -> str | None:
    """The id of an invitation from one author to another still waiting, or None."""
    return conn.execute(select(invitations.c.id).where(
        invitations.c.from_author_id == from_author, invitations.c.to_author_id == to_author,
        invitations.c.status == "pending").limit(1)).scalar()


def pending_from(conn: Connection, from_authors: Collection[str], to_author: str) -> set[str]:
    """Which of some authors have an invitation to `to_author` still waiting."""
    return set(conn.execute(select(invitations.c.from_author_id).where(
        invitations.c.from_author_id.in_(list(from_authors)),
        invitations.c.to_author_id == to_author, invitations.c.status == "pending")).scalars())


def count_pending_to_holder(conn: Connection, user_id: str) -> int:
    """Invitations waiting for an answer from a user: those to the records of their verified
    claims (a grant verifies the claim as it moves the record), in one indexed query."""
    held = select(claims.c.author_id).where(claims.c.user_id == user_id,
                                            claims.c.status == "verified")
    return int(conn.execute(select(func.count()).select_from(invitations).where(
        invitations.c.status == "pending", invitations.c.to_author_id.in_(held))).scalar_one())


def create_invitation(conn: Connection, **values: Any) -> dict[str, Any]:
    """Insert a pending invitation; its fields come back."""
    row = {"status": "pending", "responded_at": None, **values}
    conn.execute(invitations.insert().values(**row))
    return row


def get_invitation(conn: Connection, invitation_id: str) -> dict[str, Any] | None:
    """One invitation by id."""
    row = conn.execute(select(invitations).where(invitations.c.id == invitation_id)
                       ).mappings().first()
    return dict(row) if row is not None else None


def respond(conn: Connection, invitation_id: str, status: str, now: datetime) -> bool:
    """Accept or decline a pending invitation; False when it was no longer pending."""
    result = conn.execute(update(invitations).where(invitations.c.id == invitation_id,
                                                    invitations.c.status == "pending")
                          .values(status=status, responded_at=now))
    return bool(result.rowcount)


def list_invitations(conn: Connection, *, from_user_id: str | None = None,
                     to_authors: Collection[str] | None = None, skip: int,
                     limit: int) -> list[dict[str, Any]]:
    """Invitations sent by a user, or to any of some authors; newest first."""
    query = select(invitations)
    if from_user_id is not None:
        query = query.where(invitations.c.from_user_id == from_user_id)
    if to_authors is not None:
        query = query.where(invitations.c.to_author_id.in_(list(to_authors)))
    rows = conn.execute(query.order_by(invitations.c.at.desc(), invitations.c.id)
                        .offset(skip).limit(limit)).mappings()
    return [dict(row) for row in rows]
