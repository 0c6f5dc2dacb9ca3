"""Every built page, phone and desktop, light and dark, in real Chromium.

On each page: 0 axe-core violations (WCAG 2.2 A/AA and best-practice rules), 0 requests to other
hosts, 0 cookies, 0 console errors, 0 failed requests, 0 CSP violations. Also 0 axe violations
before the scripts arrive (as a slow phone shows the page after its first paint).
One browser context per viewport and colour scheme; every page is loaded in it once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_helpers import COLOR_SCHEMES, VIEWPORTS, PageRecorder, axe_violations, built_pages

pytestmark = pytest.mark.browser

SCHEME_ATTRIBUTE = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("scheme", COLOR_SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_page_is_accessible_private_and_clean(
    browser: Any, pages_site_url: str, built_site: Path, viewport: str, scheme: str
) -> None:
    pages = built_pages(built_site)
    assert pages, "the built site has no HTML pages"
    context = browser.new_context(
        viewport=VIEWPORTS[viewport], color_scheme=scheme, service_workers="block"
    )
    recorder = PageRecorder.attach(context, pages_site_url)
    problems: list[str] = []
    try:
        page = context.new_page()
        recorder.watch(page)
        for path in pages:
            recorder.current_page = f"/{path}"
            page.goto(pages_site_url + path, wait_until="load")
            # Checked at once: the scheme must be right before Material's JavaScript arrives.
            body_scheme = page.get_attribute("body", "data-md-color-scheme")
            if body_scheme != SCHEME_ATTRIBUTE[scheme]:
                problems.append(
                    f"/{path}: shows colour scheme {body_scheme!r}, expected {SCHEME_ATTRIBUTE[scheme]!r}"
                )
            page.wait_for_selector("html[data-scripts-ready]", state="attached")
            problems.extend(f"axe: /{path}: {line}" for line in axe_violations(page))
            page.wait_for_load_state("networkidle")
            recorder.collect_csp_events(page)
        cookies = context.cookies()
        problems.extend(f"cookie set: {cookie['name']} on {cookie['domain']}" for cookie in cookies)
    finally:
        context.close()
    problems.extend(recorder.problems())
    assert not problems, f"{viewport} {scheme}: {len(problems)} problem(s):\n" + "\n".join(problems)


@pytest.mark.parametrize("scheme", COLOR_SCHEMES)
def test_every_page_is_accessible_before_its_scripts_arrive(
    browser: Any, pages_site_url: str, built_site: Path, scheme: str
) -> None:
    """What a slow phone shows between the first paint and the scripts: scripts held back."""
    context = browser.new_context(viewport=VIEWPORTS["phone"], color_scheme=scheme)
    context.route(
        "**/*",
        lambda route: (
            route.abort()
            if route.request.resource_type == "script" or "127.0.0.1" not in route.request.url
            else route.continue_()
        ),
    )
    problems: list[str] = []
    try:
        page = context.new_page()
        for path in built_pages(built_site):
            page.goto(pages_site_url + path, wait_until="load")
            assert page.evaluate("() => typeof window.document$") == "undefined"
            body_scheme = page.get_attribute("body", "data-md-color-scheme")
            if body_scheme != SCHEME_ATTRIBUTE[scheme]:
                problems.append(f"/{path}: colour scheme {body_scheme!r} before the scripts")
            problems.extend(f"axe: /{path}: {line}" for line in axe_violations(page))
    finally:
        context.close()
    assert not problems, f"phone {scheme}, no scripts yet:\n" + "\n".join(problems)
