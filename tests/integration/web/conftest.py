"""Fixtures of the browser tests: the scored sample in the real Neo4j, the real app served by
uvicorn on a free port, and Debian's Chromium driven by Playwright (headless, no network
beyond the app).

Each test module gets a freshly loaded and scored graph, so a module that writes (follows,
claims) never changes what another module sees."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from accounts_helpers import add_record_emails, wipe_accounts
from neo4j import Driver
from playwright.sync_api import Browser, Page, sync_playwright
from serving import served
from web_helpers import PageWatch, WebApp

from core.accounts import AccountsStore
from core.db import apply_schema, delete_everything
from core.settings import Settings
from loaders.sample import load_sample
from scoring.run import RunOptions, rescore

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _scored_sample(driver: Driver, settings: Settings) -> None:
    """An empty graph, the schema, the sample, scored once."""
    delete_everything(driver, settings.neo4j_database)
    apply_schema(driver, settings.neo4j_database)
    load_sample(driver, settings.neo4j_database)
    rescore(driver, settings.neo4j_database, RunOptions(full=True))


@pytest.fixture(scope="module")
def web_graph(session_driver: Driver, settings: Settings) -> None:
    """The scored sample, loaded afresh for each test module."""
    _scored_sample(session_driver, settings)


@pytest.fixture(scope="module")
def web_app(web_graph: None, session_driver: Driver, settings: Settings,
            accounts_store: AccountsStore,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebApp]:
    """The real app over the scored sample and an empty accounts store, served by uvicorn in
    a thread."""
    wipe_accounts(accounts_store)
    # an address on researcher0's record, so a claim by e-mail code can be made from the page
    add_record_emails(accounts_store, {"researcher0": ["r0@example.org"]})
    outbox_path = tmp_path_factory.mktemp("web-outbox") / "outbox.jsonl"
    app_settings = settings.model_copy(update={"outbox": "file", "outbox_path": outbox_path})
    with served(app_settings) as base_url:
        yield WebApp(base_url, app_settings, session_driver, outbox_path, accounts_store)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium from Debian (`make test` installs it), never a downloaded build.

    Module-scoped: Playwright's sync API keeps an event loop running in this thread while it
    is open, which would break later tests that call asyncio.run (the analyst shell's)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium) "
                    "or `apt-get install chromium`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Browser, web_app: WebApp) -> Iterator[Callable[..., Page]]:
    """open_page(path, width=1280) opens a page in a fresh context; checks it stayed local
    and had no script or CSP errors (an error page's own status is no script error)."""
    contexts, watches = [], []

    def _open(path: str, width: int = 1280, error_page: bool = False,
              allowed: tuple[str, ...] = ()) -> Page:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        watch = PageWatch(web_app.url, allowed=allowed)
        page.on("request", lambda request: watch.request(request.url))
        page.on("pageerror", lambda error: watch.errors.append(str(error)))
        page.on("console", lambda m: watch.errors.append(m.text)
                if m.type == "error" and not error_page else None)
        page.goto(web_app.url + path)
        contexts.append(context)
        watches.append(watch)
        return page

    yield _open
    for context in contexts:
        context.close()
    for watch in watches:
        assert watch.foreign == [], f"requests to other hosts: {watch.foreign}"
        assert watch.errors == [], f"script or CSP errors: {watch.errors}"

