"""The explorer's time to the first drawn view, in Chromium, against the bare context API call.

Usage: .venv/bin/python -m bench.explorer [--works 100000] [--samples 15] [--warmup 2]
       .venv/bin/python -m bench.explorer --base URL --hub ID  (a server already prepared)

A throwaway Neo4j; the bundled sample loaded, then --works synthetic works (loaders.synthetic)
through the online loader into the same database, then one full rescoring (collaboration
pairs and trust scores, which the first view draws). Two authors: researcher0 (the sample's)
and the biggest hub (the author with the most AUTHORED works, bench/cypher/explorer/).
The app in uvicorn (bench.common.api_server); Debian's Chromium (Playwright, headless,
1280x800) opens /explore?focus=<id> in a fresh context (empty cache) each time, timed from
page.goto's start until #explorer[data-ready=true] is attached. The page's own timeline
(navigation timing, the Resource Timing API's entries, the moment data-ready is set, seen by
a MutationObserver added as an init script) splits that time; the same view reloaded in that
context says what a warm cache saves. Baseline, interleaved in the same process: the same
context call from Python (bench.common.Http). Prints p50/p95 of each
and the ratio page/API; target: page p50 <= 1 s for both authors."""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

from bench.common import Http, api_server, bench_query, p50, p95, throwaway_neo4j, timed
from core.db import apply_schema, make_driver
from core.settings import Settings
from loaders.openalex import transform
from loaders.pipeline import LoadInput, LoadOptions, run_load
from loaders.sample import load_sample
from loaders.synthetic import write_synthetic
from scoring.run import RunOptions, rescore
from service.web.pages import FIRST_VIEW

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}
CONTEXT = FIRST_VIEW["wide"]  # what the page preloads and explorer.js draws at this width
TARGET_S = 1.0
READY = "#explorer[data-ready=true]"
# Records performance.now() when the explorer sets data-ready (explorer.js is left as it is).
WATCH_READY = """
new MutationObserver((changes, observer) => {
  const root = document.getElementById("explorer");
  if (root && root.dataset.ready === "true") {
    window.__readyAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
"""
TIMELINE = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const context = performance.getEntriesByType("resource")
    .filter((e) => e.name.includes("/context"))[0];
  const library = performance.getEntriesByType("resource")
    .filter((e) => e.name.includes("cytoscape.esm"))[0];
  const cy = window.peergraphExplorer.cy;
  const mark = (name) => performance.getEntriesByName(name)[0].startTime;
  return { drawStart: mark("explorer:context"), laidOut: mark("explorer:laid-out"),
           fitted: mark("explorer:fitted"),
           html: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, library: library.responseEnd,
           apiStart: context.startTime, apiEnd: context.responseEnd, ready: window.__readyAt,
           nodes: cy.nodes().length, edges: cy.edges().length };
}"""


@dataclass
class Samples:
    """What was measured for one author, in seconds (nodes and edges as drawn)."""

    wall: list[float] = field(default_factory=list)
    ready: list[float] = field(default_factory=list)
    before_api: list[float] = field(default_factory=list)
    api_browser: list[float] = field(default_factory=list)
    after_api: list[float] = field(default_factory=list)
    html: list[float] = field(default_factory=list)
    dcl: list[float] = field(default_factory=list)
    library: list[float] = field(default_factory=list)
    revisit: list[float] = field(default_factory=list)
    draw_start: list[float] = field(default_factory=list)
    layout: list[float] = field(default_factory=list)
    fit: list[float] = field(default_factory=list)
    api_python: list[float] = field(default_factory=list)
    drawn: tuple[int, int] = (0, 0)

    def add(self, wall: float, line: dict[str, Any]) -> None:
        """One page load: its wall time and its in-page timeline (milliseconds)."""
        self.wall.append(wall)
        self.ready.append(line["ready"] / 1000)
        self.html.append(line["html"] / 1000)
        self.dcl.append(line["dcl"] / 1000)
        self.library.append(line["library"] / 1000)
        self.before_api.append(line["apiStart"] / 1000)
        self.api_browser.append((line["apiEnd"] - line["apiStart"]) / 1000)
        self.after_api.append((line["ready"] - line["apiEnd"]) / 1000)
        self.draw_start.append(line["drawStart"] / 1000)
        self.layout.append((line["laidOut"] - line["drawStart"]) / 1000)
        self.fit.append((line["fitted"] - line["laidOut"]) / 1000)
        self.drawn = (line["nodes"], line["edges"])


def prepare(settings: Settings, works: int, folder: Path) -> str:
    """The sample and `works` synthetic works loaded, all scored; the biggest hub's id."""
    database = settings.neo4j_database
    path = folder / "works.jsonl"
    write_synthetic(path, works, seed=7)
    with make_driver(settings) as driver:
        apply_schema(driver, database)
        load_sample(driver, database)
        options = LoadOptions(state_dir=folder / "state", progress=False)
        took = timed(lambda: run_load(driver, database, "bench", [LoadInput(path, transform)],
                                      options))
        print(f"loaded {works:,} synthetic works in {took:.1f} s")
        took = timed(lambda: rescore(driver, database, RunOptions(full=True)))
        print(f"full rescoring in {took:.1f} s")
        with driver.session(database=database) as session:
            hub = session.run(bench_query("explorer/biggest_author")).single(strict=True)
    print(f"biggest hub: {hub['id']} ({hub['works']:,} works)")
    return str(hub["id"])


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, through Playwright's sync API."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def first_view(page: Page, url: str) -> float:
    """Wall seconds from page.goto's start until the explorer says it is drawn."""
    began = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    return time.perf_counter() - began


def page_load(browser: Browser, base: str, author: str) -> tuple[float, dict[str, Any], float]:
    """A first view in a fresh context (empty cache): wall seconds and its timeline; then the
    same view reloaded in that context (its cache warm): wall seconds."""
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.add_init_script(WATCH_READY)
        url = f"{base}/explore?focus={author}"
        wall = first_view(page, url)
        line = page.evaluate(TIMELINE)
        return wall, line, first_view(page, url)
    finally:
        context.close()


def measure(browser: Browser, base: str, authors: list[str], samples: int,
            warmup: int) -> dict[str, Samples]:
    """Page loads and bare API calls, interleaved author by author, round by round."""
    client = Http(base)
    results = {author: Samples() for author in authors}
    for round_number in range(warmup + samples):
        for author in authors:
            path = f"/api/v1/authors/{author}/context"
            api_s = timed(lambda path=path: client.get(path, **CONTEXT))  # type: ignore[misc]
            wall, line, again = page_load(browser, base, author)
            if round_number >= warmup:
                results[author].api_python.append(api_s)
                results[author].revisit.append(again)
                results[author].add(wall, line)
    client.close()
    return results


def report(author: str, label: str, found: Samples) -> None:
    """Print one author's figures and whether the target is met."""
    nodes, edges = found.drawn
    print(f"{label} {author}: {nodes} nodes, {edges} edges drawn")
    rows = (("context API from Python (baseline)", found.api_python),
            ("page: goto -> data-ready (wall)", found.wall),
            ("  in page: navigation start -> data-ready", found.ready),
            ("  HTML answered (navigation responseEnd)", found.html),
            ("  DOMContentLoaded (scripts run)", found.dcl),
            ("  Cytoscape module fetched (responseEnd)", found.library),
            ("  navigation start -> /context request", found.before_api),
            ("  /context as the browser saw it", found.api_browser),
            ("  /context answered -> data-ready", found.after_api),
            ("  drawing starts (library and context in)", found.draw_start),
            ("  · force layout and label separation", found.layout),
            ("  · fit, labels readable", found.fit),
            ("same context reloaded (cache warm), wall", found.revisit))
    for name, values in rows:
        print(f"  {name:<44} p50 {p50(values):8.1f} ms  p95 {p95(values):8.1f} ms")
    ratio = p50(found.wall) / p50(found.api_python)
    met = "met" if p50(found.wall) <= TARGET_S * 1000 else "NOT met"
    ratio95 = p95(found.wall) / p95(found.api_python)
    print(f"  ratio page / API: p50 {ratio:.1f}x, p95 {ratio95:.1f}x; "
          f"target p50 <= {TARGET_S * 1000:.0f} ms: {met}")


def measure_served(base: str, authors: list[str], args: argparse.Namespace
                   ) -> dict[str, Samples]:
    """measure() in Chromium against the server at `base`."""
    with chromium() as browser:
        return measure(browser, base, authors, args.samples, args.warmup)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--works", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds first")
    parser.add_argument("--base", help="measure this running server (a graph prepared as "
                        "above) instead of preparing one; needs --hub")
    parser.add_argument("--hub", help="with --base: the biggest hub's author id")
    args = parser.parse_args()
    if args.base:
        load_before = os.getloadavg()[0]
        results = measure_served(args.base, ["researcher0", args.hub], args)
    else:
        with tempfile.TemporaryDirectory(prefix="peergraph-bench-") as folder, \
                throwaway_neo4j("3g", "2g") as settings:
            hub = prepare(settings, args.works, Path(folder))
            load_before = os.getloadavg()[0]
            with api_server(settings) as served:
                results = measure_served(served.base, ["researcher0", hub], args)
    load_after = os.getloadavg()[0]
    authors = list(results)
    print(f"explorer first view, {args.samples} loads each after {args.warmup} warm-up rounds, "
          f"interleaved, Chromium {VIEWPORT['width']}x{VIEWPORT['height']} (load average "
          f"{load_before:.1f} before, {load_after:.1f} after):")
    for author, label in zip(authors, ("sample researcher", "biggest hub"), strict=True):
        report(author, label, results[author])


if __name__ == "__main__":
    main()
