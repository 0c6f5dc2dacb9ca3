"""Barriers found in WebKit, Firefox, pa11y and IBM's checker (issue 19), kept fixed in Chromium.

Each test failed before its fix: focus hidden under the sticky header or "Back to top" on
Shift+Tab, search results text below 4.5:1, an invisible Tab stop, the phone search button
leaving focus on itself, get-help boxes that are not headings, the closed phone search in the
accessibility tree, a colour switch named for the other mode, and Firefox prefetching the next
page. tests/test_engines.py runs the same walks in WebKit and Firefox.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import COLOR_SCHEMES, VIEWPORTS, axe_violations, built_pages, open_ready
from focus_walk import FOCUS_STATE, SETTLE, playwright_script, walk

pytestmark = pytest.mark.browser

# The longest pages, the body map and the video: where the header and "Back to top" hid focus.
WALKED_PAGES = ("", "referred-pain/", "faq/", "aftercare/")


def chromium_walk(page: Any) -> Any:
    return walk(
        press=lambda backwards: page.keyboard.press("Shift+Tab" if backwards else "Tab"),
        state=lambda: page.evaluate("() => {" + FOCUS_STATE + "}"),
        settle=lambda: page.evaluate(playwright_script(SETTLE)),
    )


@pytest.fixture(params=list(VIEWPORTS))
def viewport_page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORTS[request.param], service_workers="block")
    context.route(
        "**/*",
        lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort(),
    )
    page = context.new_page()
    page.viewport_name = request.param
    yield page
    context.close()


@pytest.mark.parametrize("path", WALKED_PAGES)
def test_focus_is_never_hidden_tab_and_shift_tab(
    viewport_page: Any, pages_site_url: str, path: str
) -> None:
    """Every Tab stop, forwards and backwards, is on screen and not under the header or a button."""
    page = viewport_page
    open_ready(page, pages_site_url + path)
    page.wait_for_load_state("networkidle")
    result = chromium_walk(page)
    assert len(result.forwards) > 10, f"/{path}: only {len(result.forwards)} Tab stops"
    problems = result.hidden() + result.order_problems()
    assert not problems, f"/{path} at {page.viewport_name}: focus hidden:\n" + "\n".join(problems)
