"""The real app served by uvicorn in a thread of the test process."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn

from core.localdb import free_port
from core.settings import Settings
from service.app import create_app


@contextmanager
def served(app_settings: Settings, port: int | None = None) -> Iterator[str]:
    """The real app served by uvicorn in a thread of this process (on `port`, else a free
    one); yields its base URL."""
    port = port or free_port()
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
