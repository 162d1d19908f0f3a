"""Helpers of the analyst bounds tests: the app served for real, Neo4j's analyst transactions."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn
from neo4j import Driver

from core.localdb import free_port
from core.settings import Settings
from cypher import query
from service.analyst.limits import APP_TAG
from service.app import create_app


@contextmanager
def served(app_settings: Settings) -> Iterator[str]:
    """The real app served by uvicorn in a thread of this process; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(app_settings), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


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
