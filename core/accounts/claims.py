"""Claims of author records and the rate-limit counters that guard them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select, update

from core.accounts.tables import claims, rate_limits

PUBLIC_COLUMNS = tuple(c for c in claims.c
                       if c.name not in ("code_hash", "state_hash", "token_id",
                                         "last_failure", "last_failure_at", "superseded_at"))
OPEN = ("pending", "review", "disputed")


def _rows(conn: Connection, statement: Any) -> list[dict[str, Any]]:
    """Every row as a dict."""
    return [dict(row) for row in conn.execute(statement).mappings()]


def create_claim(conn: Connection, **values: Any) -> dict[str, Any]:
    """Insert a pending claim (secrets only as keyed hashes); its public fields come back."""
    conn.execute(claims.insert().values(**{"status": "pending", "attempts": 0, **values}))
    claim = get_claim(conn, values["id"])
    assert claim is not None
    return claim


def get_claim(conn: Connection, claim_id: str) -> dict[str, Any] | None:
    """One claim by id, without its hashes."""
    rows = _rows(conn, select(*PUBLIC_COLUMNS).where(claims.c.id == claim_id))
    return rows[0] if rows else None


def lock_claim(conn: Connection, claim_id: str) -> dict[str, Any] | None:
    """The claim with its code hash, locked for this transaction (FOR UPDATE)."""
    rows = _rows(conn, select(claims).where(claims.c.id == claim_id).with_for_update())
    return rows[0] if rows else None


def claim_by_state(conn: Connection, state_hash: str) -> dict[str, Any] | None:
    """The ORCID claim an OAuth state (keyed hash) belongs to."""
    rows = _rows(conn, select(claims.c.id, claims.c.user_id, claims.c.token_id)
                 .where(claims.c.state_hash == state_hash))
    return rows[0] if rows else None


def list_claims(conn: Connection, user_id: str | None, status: str | None, skip: int,
                limit: int, author_id: str | None = None) -> list[dict[str, Any]]:
    """Claims, newest first; each filter optional."""
    query = select(*PUBLIC_COLUMNS)
    for column, value in ((claims.c.user_id, user_id), (claims.c.status, status),
                          (claims.c.author_id, author_id)):
        if value is not None:
            query = query.where(column == value)
    return _rows(conn, query.order_by(claims.c.created_at.desc(), claims.c.id)
                 .offset(skip).limit(limit))


def open_claims(conn: Connection, user_id: str, author_id: str,
                statuses: tuple[str, ...] = OPEN) -> list[dict[str, Any]]:
    """The user's open (pending, in review or disputed) claims of one author, newest first;
    a review request past its lapse date is no longer open."""
    rows = _rows(conn, select(claims.c.id, claims.c.status, claims.c.sent_to, claims.c.method,
                              claims.c.created_at, claims.c.expires_at)
                 .where(claims.c.user_id == user_id, claims.c.author_id == author_id,
                        claims.c.status.in_(statuses))
                 .order_by(claims.c.created_at.desc()))
    return [r for r in rows if not lapsed(r)]


def lapsed(claim: dict[str, Any]) -> bool:
    """True for a review request no admin decided before its lapse date."""
    return bool(claim["status"] == "review" and claim["expires_at"] <= datetime.now(UTC))


def count_failure(conn: Connection, claim: dict[str, Any], reason: str, max_attempts: int,
                  now: datetime) -> tuple[int, str]:
    """One failed verification: a pending claim expires, or locks at max_attempts."""
    attempts, status = claim["attempts"] + 1, claim["status"]
    if status == "pending" and reason == "expired":
        status = "expired"
    elif status == "pending" and attempts >= max_attempts:
        status = "locked"
    conn.execute(update(claims).where(claims.c.id == claim["id"])
                 .values(attempts=attempts, status=status, last_failure=reason,
                         last_failure_at=now))
    return attempts, status


def set_status(conn: Connection, claim_id: str, status: str, **values: Any) -> None:
    """Move a claim to a status, with the fields that go with it."""
    conn.execute(update(claims).where(claims.c.id == claim_id).values(status=status, **values))


def set_status_fields(conn: Connection, claim_id: str, **values: Any) -> None:
    """Change some of a claim's fields, its status kept."""
    conn.execute(update(claims).where(claims.c.id == claim_id).values(**values))


def supersede_verified(conn: Connection, author_id: str, keep: str, now: datetime) -> None:
    """Earlier verified claims of the author give way to the one just granted."""
    conn.execute(update(claims).where(claims.c.author_id == author_id, claims.c.id != keep,
                                      claims.c.status == "verified")
                 .values(status="superseded", superseded_at=now))


def hit_rate_limit(store_insert: Any, conn: Connection, key: str, window_s: int,
                   now: datetime) -> tuple[int, datetime]:
    """Count one event in a fixed window: (events in the window, this one too; reset time)."""
    conn.execute(store_insert(rate_limits).values(key=key, window_start=now, count=0)
                 .on_conflict_do_nothing())
    row = conn.execute(select(rate_limits).where(rate_limits.c.key == key)
                       .with_for_update()).mappings().one()
    window = timedelta(seconds=window_s)
    start, count = row["window_start"], row["count"] + 1
    if start + window <= now:
        start, count = now, 1
    conn.execute(update(rate_limits).where(rate_limits.c.key == key)
                 .values(window_start=start, count=count))
    return count, start + window
