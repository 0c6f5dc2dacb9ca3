"""Every built page, phone and desktop, light and dark, in real Chromium.

On each page: 0 axe-core violations (WCAG 2.2 A/AA and best-practice rules), 0 requests to other
hosts, 0 cookies, 0 console errors, 0 failed requests, 0 CSP violations.
One browser context per viewport and colour scheme; every page is loaded in it once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import COLOR_SCHEMES, VIEWPORTS, PageRecorder, built_pages

pytestmark = pytest.mark.browser

# Every axe rule tag up to WCAG 2.2 AA, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "resultTypes": ["violations"],
}
SCHEME_ATTRIBUTE = {"light": "default", "dark": "slate"}

axe = Axe()


def axe_violations(page: Any) -> list[str]:
    """One line per failing element: rule id, help text and the element."""
    results = axe.run(page, options=AXE_OPTIONS)
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']} ({violation['help']}): {' '.join(node['target'])} {node['failureSummary']}"
            )
    return lines


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
            body_scheme = page.get_attribute("body", "data-md-color-scheme")
            if body_scheme != SCHEME_ATTRIBUTE[scheme]:
                problems.append(
                    f"/{path}: shows colour scheme {body_scheme!r}, expected {SCHEME_ATTRIBUTE[scheme]!r}"
                )
            problems.extend(f"axe: /{path}: {line}" for line in axe_violations(page))
            page.wait_for_load_state("networkidle")
            recorder.collect_csp_events(page)
        cookies = context.cookies()
        problems.extend(f"cookie set: {cookie['name']} on {cookie['domain']}" for cookie in cookies)
    finally:
        context.close()
    problems.extend(recorder.problems())
    assert not problems, f"{viewport} {scheme}: {len(problems)} problem(s):\n" + "\n".join(problems)
