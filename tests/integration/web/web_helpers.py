"""What the browser tests share: the running app, a page's watch, screenshots, sign-in."""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver
from playwright.sync_api import Page

from core.accounts import AccountsStore
from core.settings import Settings

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


@dataclass
class WebApp:
    """The running app: its base URL, settings and the driver behind it."""

    url: str
    settings: Settings
    driver: Driver
    outbox_path: Path
    accounts: AccountsStore

    def outbox(self) -> list[dict[str, str]]:
        """The messages the file outbox holds, oldest first."""
        if not self.outbox_path.exists():
            return []
        return [json.loads(line) for line in self.outbox_path.read_text().splitlines()]


@dataclass
class PageWatch:
    """What a page did that a test forbids: requests to other hosts, script or CSP errors."""

    base: str
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    allowed: tuple[str, ...] = ()  # other sites the test sends the browser to (a fake ORCID)

    def request(self, url: str) -> None:
        """Note a request to any host but the app's (and the allowed ones)."""
        # a blob: URL of the app's own origin is made in the page (Redoc's search worker)
        if not url.startswith((self.base, f"blob:{self.base}/", "data:", *self.allowed)):
            self.foreign.append(url)


def save_screenshot(page: Page, name: str, full_page: bool = True) -> None:
    """A full-page screenshot (or of the viewport): into docs/screenshots/ (the README shows
    them) only when PEERGRAPH_UPDATE_SCREENSHOTS=1, so a test run leaves the working tree as
    it was."""
    folder = (SCREENSHOTS if os.environ.get("PEERGRAPH_UPDATE_SCREENSHOTS") == "1"
              else Path(tempfile.gettempdir()) / "peergraph-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=full_page)


def graph_ids(page: Page, handle: str, selector: str = "node") -> set[str]:
    """Ids of the elements a page's Cytoscape instance (window[handle].cy) draws and shows."""
    ids: list[str] = page.evaluate(
        "([handle, selector]) => window[handle].cy.elements(selector)"
        ".filter((e) => e.visible()).map((e) => e.id())", [handle, selector])
    return set(ids)


def double_click_node(page: Page, node_id: str) -> None:
    """Double-click a node where the explorer draws it, once the view has stopped moving."""
    page.wait_for_function("() => !window.peergraphExplorer.cy.animated()")
    box = page.locator("#graph").bounding_box()
    assert box is not None
    point = page.evaluate("(id) => window.peergraphExplorer.cy.getElementById(id)"
                          ".renderedPosition()", node_id)
    page.mouse.dblclick(box["x"] + point["x"], box["y"] + point["y"])


# Endpoint paths, token prefixes, HTTP verbs, CLI commands (lower-case "peergraph users …",
# not the name in a sentence) and code quotes.
FOR_MACHINES = re.compile(r"/api/|\bpg_|\bpeergraph [a-z]|\b(POST|GET|PUT|DELETE) /|\bcurl\b|`")


def people_words(page: Page) -> None:
    """The page's text is for people: no endpoint names, token prefixes or commands."""
    text = page.locator("main").inner_text()
    assert not FOR_MACHINES.search(text), FOR_MACHINES.search(text)


def outbox_code(web_app: WebApp, address: str) -> str:
    """The code in the newest message the file outbox holds for this address."""
    message = [m for m in web_app.outbox() if m["to"] == address][-1]
    found = re.search(r"the code is (\d{6})", message["body"])
    assert found, message
    return found.group(1)


def sign_up_by_code(page: Page, web_app: WebApp, address: str, name: str) -> None:
    """From a page's "Sign in" link: the code from the outbox, the name, and back."""
    page.locator("nav.account").get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail address").fill(address)
    page.get_by_role("button", name="Send me a code").click()
    page.get_by_label("Code from the e-mail").fill(outbox_code(web_app, address))
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Save and continue").click()


AXE_SCRIPT = (Path(__file__).resolve().parents[3] / "web" / "node_modules" / "axe-core"
              / "axe.min.js")


def serious_axe_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page as it stands, one line each
    (rule, impact, the first offending elements), for an assertion message a person can act on."""
    # evaluated through the debugger protocol, which the pages' CSP does not govern
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;undefined")
    found = page.evaluate("""async () => {
        const result = await axe.run(document, { resultTypes: ["violations"] });
        return result.violations.filter((v) => ["serious", "critical"].includes(v.impact))
            .map((v) => `${v.id} (${v.impact}): ${v.help} — ` +
                 v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ") +
                 ` (${v.nodes.length} in all; first: ${v.nodes[0].any[0]?.message || ""})`);
    }""")
    return list(found)
