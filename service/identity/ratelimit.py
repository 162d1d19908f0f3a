"""Fixed-window rate limits counted in the accounts store, so they hold across workers and
restarts."""

from __future__ import annotations

from core.accounts import AccountsStore, claims
from core.errors import RateLimited
from core.settings import Settings
from service.auth import now


def hit(store: AccountsStore, settings: Settings, key: str, limit: int, what: str) -> None:
    """Count one event under `key`; RateLimited once the window holds more than `limit`.

    The count commits on its own, before the work it guards, so a failing attempt still
    counts (that is what stops guessing)."""
    with store.write() as conn:
        count, resets_at = claims.hit_rate_limit(store.insert, conn, key,
                                                 settings.claim_window_s, now())
    if count > limit:
        raise RateLimited(f"Too many {what}: at most {limit} per {settings.claim_window_s} s; "
                          f"try again after {resets_at.isoformat()}.")
