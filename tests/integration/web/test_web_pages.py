"""The profile page and the start page (the explorer: test_web_explorer.py), in headless
Chromium over the scored bundled sample (read-only: the writes are in test_web_actions.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from test_web_explorer import OVERLAPS as OVERLAPS_JS
from web_helpers import WebApp, graph_ids, people_words, save_screenshot, serious_axe_violations

OpenPage = Callable[..., Page]
COLLABORATORS = {"researcher1", "researcher2", "researcher3", "researcher4"}


def _band(web_app: WebApp) -> tuple[str, str]:
    """researcher0's band and level as the scoring run wrote them."""
    records, _, _ = web_app.driver.execute_query(
        "MATCH (a:Author {id: 'researcher0'}) RETURN a.trust_band AS band, "
        "a.verification_level AS level", database_=web_app.settings.neo4j_database)
    return records[0]["band"], records[0]["level"]


def test_profile_page_shows_the_seed_read_out(open_page: OpenPage, web_app: WebApp) -> None:
    page = open_page("/authors/researcher0")
    band, level = _band(web_app)
    expect(page.get_by_role("heading", name="Trust snapshot")).to_be_visible()
    for section in ("Quick read", "Actions", "Research graph", "Published work"):
        expect(page.get_by_role("heading", name=section, exact=True)).to_be_visible()
    expect(page.get_by_test_id("count-works")).to_have_text("65")
    expect(page.get_by_test_id("count-followers")).to_have_text("0")
    expect(page.get_by_test_id("count-close")).to_have_text("4")
    expect(page.get_by_test_id("claimed")).to_have_text("Unclaimed author")
    expect(page.get_by_test_id("verification")).to_have_text(f"Verification {level}")
    expect(page.get_by_test_id("trust")).to_contain_text(f"- {band}")
    expect(page.get_by_test_id("close-collaborators").locator("li")).to_have_count(4)
    expect(page.get_by_test_id("breakdown").locator("tbody tr")).not_to_have_count(0)
    expect(page.get_by_test_id("history").locator("li")).to_have_count(1)



def test_profile_suggests_researchers_who_fit_with_the_reasons(open_page: OpenPage) -> None:
    page = open_page("/authors/researcher2")  # researcher0 is its only co-author
    items = page.get_by_test_id("suggestion")
    expect(items.first).to_contain_text("shared topic")
    expect(items.first).to_contain_text("1 collaborator in common: researcher0.")
    assert "researcher0" not in [items.nth(i).locator("a").inner_text()
                                 for i in range(items.count())]

def test_profile_actions_ask_to_log_in_and_explain_the_locked_invitation(
        open_page: OpenPage) -> None:
    page = open_page("/authors/researcher0")
    expect(page.get_by_test_id("login-to-claim")).to_have_text("Log in to claim")
    expect(page.get_by_test_id("login-to-follow")).to_be_visible()
    expect(page.get_by_role("button", name="Invite to collaborate")).to_be_disabled()
    expect(page.get_by_test_id("invite-reason")).to_have_text(
        "Sign in and claim your own record to invite others: invitations go only between "
        "researchers who have claimed their records. researcher0 has not claimed this record "
        "yet, so they cannot receive invitations.")
    page.get_by_test_id("login-to-claim").click()
    expect(page).to_have_url(page.url.split("/signin")[0] + "/signin?next=/authors/researcher0")


# Pairs of drawn labels whose boxes intersect (as in test_web_explorer.py, on the profile's).
OVERLAPS = OVERLAPS_JS.replace("peergraphExplorer", "peergraphProfile")


@pytest.mark.parametrize("width", [1280, 390])
def test_research_graph_panel_shows_work_topics_and_collaborators(open_page: OpenPage,
                                                                   width: int) -> None:
    page = open_page("/authors/researcher0", width=width)
    expect(page.locator("#mini-loading")).to_be_hidden()
    drawn = graph_ids(page, "peergraphProfile", "node")
    assert {"researcher0", *COLLABORATORS} <= drawn
    listed = page.get_by_test_id("mini-graph-list")
    for kind in ("Author", "Work", "Topic"):
        expect(listed.locator(f"li[data-type={kind}]")).not_to_have_count(0)
    assert len(drawn) <= 20  # capped, so every label reads
    assert page.evaluate(OVERLAPS) == []
    violations = serious_axe_violations(page)
    assert not violations, "\n".join(violations)
    save_screenshot(page, "profile.png" if width == 1280 else "profile-phone.png")


def test_all_topics_are_behind_show_all(open_page: OpenPage) -> None:
    page = open_page("/authors/researcher0")
    total = int(page.get_by_test_id("count-topics").inner_text())
    expect(page.get_by_test_id("topics").locator("li")).to_have_count(min(5, total))
    if total > 5:
        more = page.get_by_test_id("more-topics")
        more.get_by_text(f"Show all {total} topics").click()
        expect(more.locator("li")).to_have_count(total - 5)


def test_a_work_title_leads_to_its_page(open_page: OpenPage) -> None:
    page = open_page("/authors/researcher0")
    first = page.locator("li.work").first.locator(".work-title a")
    title = first.inner_text()
    first.click()
    expect(page.get_by_test_id("work-title")).to_have_text(title)
    authors = page.get_by_test_id("work-authors")
    expect(authors.get_by_role("link", name="researcher0")).to_be_visible()
    for heading in ("Abstract", "Topics", "In the graph", "References", "Cited by"):
        expect(page.get_by_role("heading", name=heading, exact=False).first).to_be_visible()
    people_words(page)
    violations = serious_axe_violations(page)
    assert not violations, "\n".join(violations)
    save_screenshot(page, "work.png")


def test_unknown_work_is_a_404_page(open_page: OpenPage) -> None:
    page = open_page("/works/no-such-work", error_page=True)
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()


def test_published_work_is_paginated_with_folded_abstracts(open_page: OpenPage) -> None:
    page = open_page("/authors/researcher0")
    expect(page.get_by_test_id("works-total")).to_have_text("65 published item(s)")
    works = page.locator("li.work")
    expect(works).to_have_count(10)
    first = works.first
    expect(first.locator(".work-meta")).to_contain_text("preprint")
    abstract = first.locator("details .abstract")
    expect(abstract).to_be_hidden()
    first.locator("details summary").click()
    expect(abstract).to_be_visible()
    page.get_by_test_id("works-next").click()
    expect(page.locator(".pager")).to_contain_text("Showing 11\u201320 of 65 (page 2 of 7)")
    expect(page.locator("li.work")).to_have_count(10)
    page.get_by_test_id("works-next").click()
    expect(page.locator(".pager")).to_contain_text("Showing 21\u201330 of 65")
    page.get_by_test_id("works-prev").click()
    expect(page.locator(".pager")).to_contain_text("Showing 11\u201320 of 65")
    page.get_by_test_id("works-prev").click()
    expect(page.locator(".pager")).to_contain_text("(page 1 of 7)")
    expect(page.get_by_test_id("works-prev")).to_have_count(0)


def test_start_page_lists_and_searches(open_page: OpenPage) -> None:
    page = open_page("/")
    top = page.locator("section", has=page.get_by_role("heading", name="Most trusted"))
    expect(top.locator("li")).to_have_count(5)
    expect(top.locator("li").first).to_contain_text("researcher0")
    page.get_by_label("Search authors, titles and abstracts").fill("researcher3")
    page.get_by_label("Search authors, titles and abstracts").press("Enter")
    expect(page.get_by_test_id("results-count")).to_contain_text("result")
    results = page.get_by_test_id("search-results")
    expect(results.locator(".chip.trust").first).to_be_visible()
    results.get_by_role("link", name="researcher3").click()
    expect(page.get_by_role("heading", name="researcher3", level=1)).to_be_visible()


def test_search_results_show_each_title_once_with_authors_and_pages(
        open_page: OpenPage) -> None:
    page = open_page("/?q=learning")
    count = page.get_by_test_id("results-count")
    expect(count).to_contain_text("results for “learning”")
    total = int(count.inner_text().split()[0])
    hits = page.get_by_test_id("search-results").locator("li.hit")
    expect(hits).to_have_count(min(20, total))
    first = hits.first
    title = first.locator(".hit-title").inner_text()
    assert first.inner_text().count(title) == 1  # the title once, highlighted in place
    expect(first.locator(".hit-meta")).not_to_be_empty()
    if total > 20:
        page.get_by_test_id("results-next").click()
        expect(page.locator(".pager")).to_contain_text("Showing 21\u2013")
        page.get_by_test_id("results-prev").click()
        expect(page.locator(".pager")).to_contain_text("Showing 1\u2013")
    violations = serious_axe_violations(page)
    assert not violations, "\n".join(violations)


def test_pages_fit_a_phone_and_start_with_a_skip_link(open_page: OpenPage) -> None:
    for path in ("/authors/researcher0", "/explore?focus=researcher0", "/"):
        page = open_page(path, width=390)
        page.keyboard.press("Tab")
        expect(page.locator(".skip-link")).to_be_focused()
        overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{path} is wider than a phone by {overflow}px"


def test_unknown_author_is_a_404_page(open_page: OpenPage, web_app: WebApp) -> None:
    page = open_page("/authors/nobody-has-this-id", error_page=True)
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()
    expect(page.get_by_test_id("error-detail")).to_contain_text("nobody-has-this-id")


# The focus ring's colour and the colour behind it (the nearest ancestor that paints one).
RING = """(selector) => {
  const el = document.querySelector(selector);
  el.focus();
  const ring = getComputedStyle(el).outlineColor;
  let node = el.parentElement;
  const clear = (n) => getComputedStyle(n).backgroundColor === "rgba(0, 0, 0, 0)";
  while (node && clear(node)) node = node.parentElement;
  return [ring, node ? getComputedStyle(node).backgroundColor : "rgb(255, 255, 255)"];
}"""


def _luminance(rgb: str) -> float:
    channels = [int(part) / 255 for part in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("selector", [".site-header a", ".site-header input", "main a",
                                      "main a.button"])
def test_the_focus_ring_stands_out_from_its_background(open_page: OpenPage,
                                                       selector: str) -> None:
    page = open_page("/authors/researcher0")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    ring, behind = page.evaluate(RING, selector)
    assert ring in {"rgb(29, 78, 216)", "rgb(252, 211, 77)"}, ring  # the ring, not the text
    assert _contrast(ring, behind) >= 3, (selector, ring, behind)
