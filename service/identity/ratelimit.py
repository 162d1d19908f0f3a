"""Fixed-window rate limits counted in the graph, so they hold across workers and restarts."""

from __future__ import annotations

from neo4j import Driver

from cypher import query
from service.errors import RateLimited
from service.settings import Settings


def hit(driver: Driver, settings: Settings, key: str, limit: int, what: str) -> None:
    """Count one event under `key`; RateLimited once the window holds more than `limit`.

    The count commits on its own, before the work it guards, so a failing attempt still
    counts (that is what stops guessing)."""
    records, _, _ = driver.execute_query(query("claims/hit_rate_limit"), key=key,
                                         window_s=settings.claim_window_s,
                                         database_=settings.neo4j_database)
    count, resets_at = records[0]["count"], records[0]["resets_at"]
    if count > limit:
        raise RateLimited(f"Too many {what}: at most {limit} per {settings.claim_window_s} s; "
                          f"try again after {resets_at.iso_format()}.")
