"""TeX in titles and abstracts is rendered by KaTeX, under the pages' CSP, at desktop and
phone widths; text outside the marked elements is left alone.

The sample has TeX in abstracts only, so the module loads one more work, through the sample
loader, whose escaped markup the load cleans and whose title holds $\\mathbf{X}$."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import Page, expect
from web_helpers import WebApp, save_screenshot, serious_axe_violations

from loaders.pipeline import LoadOptions
from loaders.sample import load_sample_run

OpenPage = Callable[..., Page]
WIDTHS = (1280, 390)
TITLE_LINK = 'a.math-text[href$="wmathtitle01"]'
MATH_WORK = {"kind": "work", "id": "sample:wmathtitle01", "title_derived": False,
             "title": "Learning &lt;i&gt;wombat&lt;/i&gt; $\\mathbf{X}$ codes in "
                      "$O(n \\log n)$ time",
             "abstract": "<jats:p>Quokkanets cost $\\mathcal{O}(n)$ memory.</jats:p>",
             "year": 2024, "type": "preprint", "venue": "arXiv", "authors": ["researcher0"]}


@pytest.fixture(scope="module", autouse=True)
def math_work(web_app: WebApp, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The work with TeX in its title, loaded (and cleaned) like any sample line."""
    folder = tmp_path_factory.mktemp("math-work")
    (folder / "math.jsonl").write_text(json.dumps(MATH_WORK) + "\n", encoding="utf-8")
    summary = load_sample_run(web_app.driver, web_app.settings.neo4j_database,
                              folder / "math.jsonl",
                              LoadOptions(state_dir=folder / "state", progress=False))
    assert summary.status == "completed"


def test_the_load_cleaned_the_title_and_kept_its_tex(web_app: WebApp) -> None:
    records, _, _ = web_app.driver.execute_query(
        "MATCH (w:Work {id: $id}) RETURN w.title AS title, w.abstract AS abstract",
        id=MATH_WORK["id"], database_=web_app.settings.neo4j_database)
    assert dict(records[0]) == {
        "title": "Learning wombat $\\mathbf{X}$ codes in $O(n \\log n)$ time",
        "abstract": "Quokkanets cost $\\mathcal{O}(n)$ memory."}


@pytest.mark.parametrize("width", WIDTHS)
def test_search_results_render_tex_in_titles(open_page: OpenPage, width: int) -> None:
    page = open_page("/?q=wombat", width=width)
    title = page.get_by_test_id("search-results").locator(TITLE_LINK)
    expect(title.locator(".katex")).to_have_count(2)
    expect(title).not_to_contain_text("$")
    expect(title.locator(".katex-mathml annotation").first).to_have_text("\\mathbf{X}")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    # KaTeX's markup adds no violation (the chips' contrast is the start page's own, reported)
    assert [v for v in serious_axe_violations(page) if "katex" in v] == []


@pytest.mark.parametrize("width", WIDTHS)
def test_search_snippets_render_tex_in_abstracts(open_page: OpenPage, width: int) -> None:
    # "combines" is in the sample's FABind abstract only, after "we propose $\mathbf{FABind}$"
    page = open_page("/?q=combines", width=width)
    snippet = page.get_by_test_id("search-results").locator("p.snippet.math-text").first
    expect(snippet.locator(".katex")).to_have_count(1)
    expect(snippet.locator("mark")).to_have_text("combines")
    save_screenshot(page, f"search-math-{width}.png")
    expect(page.locator("body > :not(main) .katex, .hero .katex")).to_have_count(0)


def test_text_outside_marked_elements_is_left_alone(open_page: OpenPage) -> None:
    # The query is echoed in the heading and the search box: it is not math.
    page = open_page("/?q=%24x%24%20wombat")
    expect(page.locator("#results-h")).to_contain_text("for “$x$ wombat”")
    expect(page.locator("#results-h .katex")).to_have_count(0)
    expect(page.get_by_test_id("search-results").locator(f"{TITLE_LINK} .katex")).to_have_count(2)


def test_elements_added_later_are_rendered(open_page: OpenPage) -> None:
    """What the explorer and profile scripts add after the page loaded (class only)."""
    page = open_page("/")
    page.evaluate("""() => {
        const p = document.createElement("p");
        p.className = "math-text"; p.id = "late"; p.textContent = "Late $\\\\alpha$ and $5 fee";
        document.querySelector("main").append(p);
        const q = document.createElement("p");
        q.id = "unmarked"; q.textContent = "Costs $5 and $6";
        document.querySelector("main").append(q);
    }""")
    expect(page.locator("#late .katex")).to_have_count(1)
    expect(page.locator("#late")).to_contain_text("and $5 fee")
    expect(page.locator("#unmarked")).to_have_text("Costs $5 and $6")


def test_the_stylesheet_and_fonts_come_from_this_site(web_app: WebApp) -> None:
    css = httpx.get(web_app.url + "/static/vendor/katex/katex.min.css")
    assert css.status_code == 200 and "KaTeX_Main" in css.text
    font = httpx.get(web_app.url + "/static/vendor/katex/fonts/KaTeX_Main-Regular.woff2")
    assert font.status_code == 200
