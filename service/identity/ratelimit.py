"""Fixed-window rate limits counted in the accounts store, so they hold across workers and
restarts."""

from __future__ import annotations

import math
from datetime import datetime

from core.accounts import AccountsStore, claims
from core.errors import RateLimited
from core.settings import Settings
from service.auth import now


def minutes(seconds: float) -> str:
    """A span in whole minutes, rounded up, for people: "1 minute", "15 minutes"."""
    count = max(1, math.ceil(seconds / 60))
    return f"{count} minute{'s' if count != 1 else ''}"


def wait_until(until: datetime) -> tuple[str, dict[str, str]]:
    """How long to wait until a time, in words, and the Retry-After header that says it."""
    seconds = max(1, math.ceil((until - now()).total_seconds()))
    return minutes(seconds), {"Retry-After": str(seconds)}


def hit(store: AccountsStore, settings: Settings, key: str, limit: int, what: str,
        window_s: int | None = None) -> None:
    """Count one event under `key`; RateLimited once the window (claim_window_s unless
    given) holds more than `limit`.

    The count commits on its own, before the work it guards, so a failing attempt still
    counts (that is what stops guessing)."""
    window = window_s or settings.claim_window_s
    with store.write() as conn:
        count, resets_at = claims.hit_rate_limit(store.insert, conn, key, window, now())
    if count > limit:
        wait, headers = wait_until(resets_at)
        raise RateLimited(f"Too many {what}: at most {limit} in {minutes(window)}; try again "
                          f"in {wait}.", headers=headers)
