"""The accounts store: everything private (users' e-mails, tokens, sessions, claims, rate
limits, audit events, invitations) in a relational database, never in the public graph."""

from core.accounts.store import AccountsStore, open_store

__all__ = ["AccountsStore", "open_store"]
