"""The API reference pages work with no internet: Swagger UI and Redoc come from this
service (npm, pinned), under the pages' CSP, every operation shown, nothing fetched
elsewhere (open_page fails on a foreign request or a CSP error)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from playwright.sync_api import Page
from web_helpers import WebApp, save_screenshot, serious_axe_violations

OpenPage = Callable[..., Page]
PROFILE_OPERATION = "author_profile_api_v1_authors__author_id__get"
# Values only the profile's example holds (service/schemas/examples.py), shown unfolded.
SHOWN = ("Emerging", "A5023888391")


def _operations(web_app: WebApp) -> int:
    """How many operations the OpenAPI document describes."""
    spec = httpx.get(web_app.url + "/openapi.json").json()
    return sum(1 for item in spec["paths"].values() for verb in item
               if verb in {"get", "post", "put", "patch", "delete"})


def test_swagger_ui_shows_every_operation_offline(open_page: OpenPage,
                                                  web_app: WebApp) -> None:
    page = open_page("/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.locator(".swagger-ui .opblock").count() == _operations(web_app)
    assert "style-src 'self'" in httpx.get(web_app.url + "/docs").headers[
        "content-security-policy"]
    violations = serious_axe_violations(page)
    assert not violations, "\n".join(violations)
    save_screenshot(page, "docs-swagger.png", full_page=False)
    operation = page.locator(f"#operations-authors-{PROFILE_OPERATION}")
    operation.locator(".opblock-summary").first.click()
    sample = operation.locator(".responses-wrapper .highlight-code").first
    sample.wait_for()
    assert all(value in sample.inner_text() for value in SHOWN), sample.inner_text()[:500]


def test_redoc_shows_every_operation_offline(open_page: OpenPage, web_app: WebApp) -> None:
    page = open_page("/redoc")
    page.locator("[data-section-id^='operation/']").first.wait_for(timeout=20_000)
    assert page.locator("[data-section-id^='operation/']").count() == _operations(web_app)
    policy = httpx.get(web_app.url + "/redoc").headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "'nonce-" in policy
    violations = serious_axe_violations(page)
    assert not violations, "\n".join(violations)
    save_screenshot(page, "docs-redoc.png", full_page=False)
    profile = page.locator(f"[data-section-id='operation/{PROFILE_OPERATION}']")
    text = profile.inner_text()
    assert all(value in text for value in SHOWN), text[text.find("Response samples"):][:3000]


def test_the_redoc_bundle_is_served_without_its_cdn_logo(web_app: WebApp) -> None:
    response = httpx.get(web_app.url + "/static/docs/redoc.standalone.js")
    assert response.status_code == 200 and "javascript" in response.headers["content-type"]
    assert "cdn.redoc.ly" not in response.text and "Redoc" in response.text


def test_redoc_nonce_is_fresh_per_response(web_app: WebApp) -> None:
    first, second = (httpx.get(web_app.url + "/redoc").headers["content-security-policy"]
                     for _ in range(2))
    assert first != second
