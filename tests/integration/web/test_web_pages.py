"""The profile page, the explorer and the start page, in headless Chromium over the scored
bundled sample (read-only: the writes are in test_web_actions.py)."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect
from web_helpers import WebApp, double_click_node, graph_ids, save_screenshot

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


def test_research_graph_panel_draws_the_four_collaborators(open_page: OpenPage) -> None:
    page = open_page("/authors/researcher0")
    expect(page.locator("#mini-loading")).to_be_hidden()
    assert graph_ids(page, "peergraphProfile", "node") == {"researcher0", *COLLABORATORS}
    expect(page.get_by_test_id("mini-graph-list").locator("li")).to_have_count(4)
    save_screenshot(page, "profile.png")


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
    expect(page.locator(".pager")).to_contain_text("Showing 11\u201320 of 65")
    expect(page.locator("li.work")).to_have_count(10)


def test_explorer_draws_expands_filters_and_finds_a_path(open_page: OpenPage) -> None:
    page = open_page("/explore?focus=researcher0")
    expect(page.locator("#explorer[data-ready=true]")).to_be_attached()
    drawn = graph_ids(page, "peergraphExplorer")
    assert COLLABORATORS | {"researcher0"} <= drawn and len(drawn) == 70  # 65 works, 5 people

    double_click_node(page, "researcher1")
    expect(page.get_by_test_id("graph-status")).to_contain_text("around researcher1")
    assert len(graph_ids(page, "peergraphExplorer")) > len(drawn)

    page.get_by_label("Works", exact=True).uncheck()
    # The change handler and Cytoscape's style pass run after the click returns: wait for them.
    page.wait_for_function("() => window.peergraphExplorer.cy.nodes('[type = \"Work\"]')"
                           ".filter((n) => n.visible()).length === 0", timeout=10_000)
    assert not graph_ids(page, "peergraphExplorer", 'node[type = "Work"]')
    expect(page.get_by_test_id("node-list").locator("li[data-type=Work]")).to_have_count(0)
    expect(page.get_by_test_id("node-list").locator("li[data-type=Author]")).not_to_have_count(0)

    page.get_by_label("From author id").fill("researcher2")
    page.get_by_label("To author id").fill("researcher3")
    page.get_by_role("button", name="Find path").click()
    expect(page.get_by_test_id("path-result")).to_contain_text(
        "researcher2 → researcher0 → researcher3")
    on_path = graph_ids(page, "peergraphExplorer", "node.on-path")
    assert {"researcher2", "researcher0", "researcher3"} <= on_path
    page.get_by_label("Works", exact=True).check()
    save_screenshot(page, "explorer.png")


def test_explorer_card_year_filter_and_search_to_add(open_page: OpenPage) -> None:
    page = open_page("/explore?focus=researcher4")
    expect(page.locator("#explorer[data-ready=true]")).to_be_attached()
    page.get_by_test_id("node-list").get_by_role("button", name="researcher0").click()
    expect(page.get_by_test_id("card-title")).to_have_text("researcher0")
    expect(page.locator("#card").get_by_role("link", name="Profile")).to_have_attribute(
        "href", "/authors/researcher0")

    shown_years = ("() => window.peergraphExplorer.cy.nodes('[type = \"Work\"]')"
                   ".filter((n) => n.visible()).map((n) => n.data('year'))")
    latest = max(year for year in page.evaluate(shown_years) if year is not None)
    page.get_by_label("From year").fill(str(latest))
    page.get_by_label("To year").fill(str(latest))
    years = page.evaluate(shown_years)
    assert years and set(years) == {latest}
    page.get_by_label("From year").fill("")
    page.get_by_label("To year").fill("")

    labels = page.evaluate("() => window.peergraphExplorer.cy.nodes().map((n) => n.data('label'))")
    assert not any(label.startswith("FABind") for label in labels)
    page.get_by_label("Search to add a node").fill("FABind")
    page.locator("#add-form").get_by_role("button", name="Search").click()
    page.locator("#add-results").get_by_role("button", name="Add").first.click()
    expect(page.get_by_test_id("card-title")).to_contain_text("FABind")


def test_start_page_lists_and_searches(open_page: OpenPage) -> None:
    page = open_page("/")
    top = page.locator("section", has=page.get_by_role("heading", name="Most trusted"))
    expect(top.locator("li")).to_have_count(5)
    expect(top.locator("li").first).to_contain_text("researcher0")
    page.get_by_label("Search authors, titles and abstracts").fill("researcher3")
    page.get_by_label("Search authors, titles and abstracts").press("Enter")
    results = page.get_by_test_id("search-results")
    results.get_by_role("link", name="researcher3").click()
    expect(page.get_by_role("heading", name="researcher3", level=1)).to_be_visible()


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
