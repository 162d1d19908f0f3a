"""The accounts store's tables (SQLAlchemy Core); Alembic migrations create and change them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    text,
)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, also on SQLite (which keeps no time zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """Store UTC (a naive value is taken as UTC); naive on SQLite, whose text values then
        compare in time order."""
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        """Every datetime read back is aware, in UTC."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()
ID = 40  # our ids: a prefix and 20 hex digits, e.g. usr_3f9a…
HASH = 64  # hex HMAC-SHA256

users = Table(
    "users", metadata,
    Column("id", String(ID), primary_key=True),
    Column("email", String(320), unique=True),  # lower-case; None for ORCID-only accounts
    Column("display_name", String(200), nullable=False),
    Column("is_admin", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
    # The iD the person signed in with at ORCID (bare, 0000-0002-1825-0097): verified.
    Column("orcid", String(19), unique=True),
    Column("orcid_verified_at", UTCDateTime),
)

tokens = Table(
    "tokens", metadata,
    Column("id", String(ID), primary_key=True),
    Column("user_id", String(ID), ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("hash", String(HASH), nullable=False, unique=True),
    Column("name", String(200)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime),
)

# Page sessions: the cookie holds a random id, the store only its keyed hash.
web_sessions = Table(
    "web_sessions", metadata,
    Column("id_hash", String(HASH), primary_key=True),
    Column("user_id", String(ID), ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("token_id", String(ID), ForeignKey("tokens.id", ondelete="CASCADE"), index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False, index=True),
)

claims = Table(
    "claims", metadata,
    Column("id", String(ID), primary_key=True),
    Column("user_id", String(ID), ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("token_id", String(ID)),
    Column("author_id", String(512), nullable=False, index=True),
    Column("method", String(20), nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("level", String(4), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("code_hash", String(HASH)),
    Column("state_hash", String(HASH), unique=True),
    Column("sent_to", String(320)),  # masked: r***@example.org
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("verified_at", UTCDateTime),
    Column("resolved_at", UTCDateTime),
    Column("resolved_by", String(ID)),
    Column("disputed_with", String(ID)),
    Column("superseded_at", UTCDateTime),
    Column("last_failure", String(40)),
    Column("last_failure_at", UTCDateTime),
    # A review claim's evidence (JSON: orcid, email, homepage, note) and the admin's reason.
    Column("evidence", Text),
    Column("review_reason", Text),
)

rate_limits = Table(
    "rate_limits", metadata,
    Column("key", String(200), primary_key=True),
    Column("window_start", UTCDateTime, nullable=False),
    Column("count", Integer, nullable=False),
)

audit_events = Table(
    "audit_events", metadata,
    Column("id", String(ID), primary_key=True),
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("user_id", String(ID), nullable=False, index=True),
    Column("token_id", String(ID)),
    Column("action", String(64), nullable=False),
    Column("target", String(512), nullable=False),
    Column("detail", Text),  # JSON
)

# The e-mail addresses on an author record, where a claim's code may go: contact data, so
# private (the claimant sees them masked), never in the public graph.
author_emails = Table(
    "author_emails", metadata,
    Column("author_id", String(512), primary_key=True),
    Column("email", String(320), primary_key=True),  # lower-case
    Column("added_at", UTCDateTime, nullable=False),
)

invitations = Table(
    "invitations", metadata,
    Column("id", String(ID), primary_key=True),
    Column("from_user_id", String(ID), ForeignKey("users.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("from_author_id", String(512), nullable=False),
    Column("to_user_id", String(ID), nullable=False),
    Column("to_author_id", String(512), nullable=False, index=True),
    Column("message", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("responded_at", UTCDateTime),
    # at most one pending invitation from one author to another, even under a race
    Index("invitations_one_pending", "from_author_id", "to_author_id", unique=True,
          sqlite_where=text("status = 'pending'"), postgresql_where=text("status = 'pending'")),
)

# One-time sign-in codes sent to an address: the store keeps only their keyed hash. A code
# names an address, not an account, so sending one reveals nothing about who has signed up.
signin_codes = Table(
    "signin_codes", metadata,
    Column("id", String(ID), primary_key=True),
    Column("email", String(320), nullable=False, index=True),  # lower-case
    Column("code_hash", String(HASH), nullable=False),
    Column("status", String(20), nullable=False),  # pending, used, superseded, locked
    Column("attempts", Integer, nullable=False, default=0),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("locked_until", UTCDateTime),
)

# "Sign in with ORCID" in flight: the OAuth state (keyed hash) bound to the browser session
# that asked for it (keyed hash of its id), so a state sent to someone else signs no one in.
orcid_states = Table(
    "orcid_states", metadata,
    Column("state_hash", String(HASH), primary_key=True),
    Column("session_hash", String(HASH), nullable=False),
    Column("purpose", String(20), nullable=False),  # signin, or link (a signed-in account)
    Column("next", String(1000), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False, index=True),
)
