"""Helpers of the analyst bounds tests: Neo4j's analyst transactions."""

from __future__ import annotations

import time
from typing import Any

import pytest
from neo4j import Driver

from core.settings import Settings
from cypher import query
from service.analyst.limits import APP_TAG


def analyst_transactions(driver: Driver, settings: Settings,
                         request: str | None = None) -> list[dict[str, Any]]:
    """The analyst transactions Neo4j holds now (of one request, or all)."""
    records, _, _ = driver.execute_query(query("analyst_admin/list_transactions"), app=APP_TAG,
                                         request=request, database_=settings.neo4j_database)
    return [dict(record) for record in records]


def wait_until_no_analyst_transactions(driver: Driver, settings: Settings,
                                       within_s: float = 60) -> float:
    """Seconds until Neo4j holds no analyst transaction (fails past within_s)."""
    began = time.monotonic()
    while analyst_transactions(driver, settings):
        if time.monotonic() - began > within_s:
            pytest.fail(f"Neo4j still runs analyst transactions after {within_s} s")
        time.sleep(0.2)
    return time.monotonic() - began
