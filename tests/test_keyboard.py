"""Keyboard only: a skip link to the content, and Tab reaches every control with a visible focus ring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import (
    VIEWPORTS,
    focus_ring,
    open_ready,
    pages_with_class,
    ring_is_visible,
)
from conftest import ServedSite

pytestmark = pytest.mark.browser

MAX_TABS = 250
# Wait for CSS transitions (Material opens search on focus) so the ring is measured as seen.
SETTLE = """
async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
  await frame();
  await frame();
  await Promise.race([
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => null))),
    new Promise((resolve) => setTimeout(resolve, 1000)),
  ]);
}
"""
DESCRIBE_FOCUSED = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "";
  const cls = el.getAttribute("class") ? "." + el.getAttribute("class").trim().split(/\\s+/).join(".") : "";
  const label = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().slice(0, 40);
  return `${el.tagName.toLowerCase()}${cls} "${label}"`;
}
"""


def tab_through(page: Any, stop_selector: str | None = None) -> tuple[list[Any], list[str]]:
    """Press Tab until focus leaves the page or `stop_selector` is focused.

    Returns the focused elements and one line per element whose focus ring is not visible.
    """
    focused_elements: list[Any] = []
    invisible_rings: list[str] = []
    previous: tuple[Any, dict[str, str], str] | None = None
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        page.evaluate(SETTLE)
        element = page.evaluate_handle("document.activeElement")
        if previous is not None:
            previous_element, previous_ring, previous_name = previous
            if not ring_is_visible(previous_ring, focus_ring(page, previous_element)):
                invisible_rings.append(f"{previous_name}: focused {previous_ring}")
        name = page.evaluate(DESCRIBE_FOCUSED)
        if not name or any(
            page.evaluate("([a, b]) => a === b", [element, seen]) for seen in focused_elements[-1:]
        ):
            break
        focused_elements.append(element)
        previous = (element, focus_ring(page, element), name)
        if stop_selector and page.evaluate(
            "([el, sel]) => el.matches(sel)", [element, stop_selector]
        ):
            break
    return focused_elements, invisible_rings


def matches(page: Any, elements: list[Any], selector: str) -> bool:
    return any(
        page.evaluate("([el, sel]) => el.matches(sel)", [element, selector]) for element in elements
    )


def assert_tab_reaches(page: Any, targets: dict[str, str]) -> None:
    """Tab through the page: every target gets focus, and every focus ring is visible."""
    focused, invisible = tab_through(page)
    missing = [name for name, selector in targets.items() if not matches(page, focused, selector)]
    assert not missing, f"Tab never reaches: {missing}"
    assert not invisible, "focus ring not visible on:\n" + "\n".join(invisible)


def _local_page(browser: Any, pages_site_url: str, viewport: str) -> Iterator[Any]:
    """A page of the built site; requests to other hosts are blocked."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], service_workers="block")
    context.route(
        "**/*",
        lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort(),
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop_page(browser: Any, pages_site_url: str) -> Iterator[Any]:
    yield from _local_page(browser, pages_site_url, "desktop")


def test_skip_link_is_first_and_moves_to_the_content(
    desktop_page: Any, pages_site_url: str
) -> None:
    page = desktop_page
    open_ready(page, pages_site_url)
    page.wait_for_load_state("networkidle")  # Material's scripts are ready, as for a patient
    page.keyboard.press("Tab")
    first = page.evaluate(
        "document.activeElement.matches('a.md-skip') && document.activeElement.href"
    )
    assert first, "the first Tab stop is not the skip link: " + page.evaluate(DESCRIBE_FOCUSED)
    assert page.is_visible("a.md-skip"), "the skip link stays hidden when focused"
    page.keyboard.press("Enter")
    target_id = first.split("#", 1)[1]
    page.wait_for_function("hash => location.hash === hash", arg=f"#{target_id}", timeout=5_000)
    page.wait_for_timeout(300)  # Material handles the jump (scroll, header) before focus settles
    assert page.evaluate(
        "id => !!document.querySelector('.md-content').querySelector('#' + CSS.escape(id))",
        target_id,
    ), f"the skip link target #{target_id} is not inside the page content"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-content, .md-footer')"), (
        "after the skip link, Tab does not continue in the content: "
        + page.evaluate(DESCRIBE_FOCUSED)
    )


def test_tab_reaches_search_navigation_and_palette_with_a_visible_ring(
    desktop_page: Any, pages_site_url: str
) -> None:
    page = desktop_page
    open_ready(page, pages_site_url)
    assert_tab_reaches(
        page,
        {
            "search box": "input.md-search__input",
            "navigation link": ".md-nav--primary a.md-nav__link",
            "colour palette toggle": "[data-palette-toggle] input.md-option",
        },
    )


@pytest.mark.merged_site
def test_tab_reaches_the_video_control_with_a_visible_ring(
    desktop_page: Any, video_site: ServedSite
) -> None:
    video_pages = pages_with_class(video_site.path, "demo-video")
    assert video_pages, (
        "no built page has a .demo-video player (expected on the home page and demo-video/)"
    )
    page = desktop_page
    open_ready(page, video_site.url + video_pages[0])
    focused, invisible = tab_through(page, stop_selector="a.demo-video__play")
    assert matches(page, focused, "a.demo-video__play"), (
        f"/{video_pages[0]}: Tab never reaches a.demo-video__play"
    )
    page.keyboard.press("Tab")
    assert not invisible, "focus ring not visible on:\n" + "\n".join(invisible)


@pytest.mark.merged_site
def test_tab_reaches_the_pain_explorer_with_a_visible_ring(
    desktop_page: Any, pages_site_url: str, built_site: Path
) -> None:
    explorer_pages = pages_with_class(built_site, "pain-map")
    assert explorer_pages, "no built page has a form.pain-map explorer (expected on referred-pain/)"
    page = desktop_page
    open_ready(page, pages_site_url + explorer_pages[0])
    selector = "form.pain-map input[name=region]"
    focused, invisible = tab_through(page, stop_selector=selector)
    assert matches(page, focused, selector), (
        f"/{explorer_pages[0]}: Tab never reaches the explorer's checkboxes"
    )
    assert not invisible, "focus ring not visible on:\n" + "\n".join(invisible)


@pytest.fixture
def phone_page(browser: Any, pages_site_url: str) -> Iterator[Any]:
    yield from _local_page(browser, pages_site_url, "phone")


def test_phone_tab_reaches_menu_and_search_buttons_with_a_visible_ring(
    phone_page: Any, pages_site_url: str
) -> None:
    """On narrow screens (phones, or desktops zoomed in) Material's menu and search are labels."""
    page = phone_page
    open_ready(page, pages_site_url)
    page.wait_for_load_state("networkidle")
    assert_tab_reaches(
        page,
        {
            "menu button": "button.md-header__button[for=__drawer]",
            "search button": "button.md-header__button[for=__search]",
        },
    )


def test_phone_menu_opens_with_the_keyboard(phone_page: Any, pages_site_url: str) -> None:
    page = phone_page
    open_ready(page, pages_site_url)
    page.wait_for_load_state("networkidle")
    page.focus("button.md-header__button[for=__drawer]", timeout=5_000)
    page.keyboard.press("Enter")
    page.evaluate(SETTLE)
    assert page.is_checked("#__drawer"), "Enter on the menu button does not open the menu"
    assert page.get_attribute("button.md-header__button[for=__drawer]", "aria-expanded") == "true"
    focused, _ = tab_through(page, stop_selector=".md-nav--primary a.md-nav__link")
    assert matches(page, focused, ".md-nav--primary a.md-nav__link"), (
        "Tab never reaches a menu link"
    )
    assert page.is_visible(".md-nav--primary a.md-nav__link:focus"), (
        "the focused menu link is not on screen"
    )


def test_phone_search_opens_with_the_keyboard(phone_page: Any, pages_site_url: str) -> None:
    page = phone_page
    open_ready(page, pages_site_url)
    page.wait_for_load_state("networkidle")
    page.focus("button.md-header__button[for=__search]", timeout=5_000)
    page.keyboard.press("Space")
    page.evaluate(SETTLE)
    assert page.is_checked("#__search"), "Space on the search button does not open search"
    if not page.evaluate("document.activeElement.matches('input.md-search__input')"):
        tab_through(page, stop_selector="input.md-search__input")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')"), (
        "after opening search, the keyboard cannot reach the search box"
    )
    assert page.is_visible("input.md-search__input"), "the search box is not on screen"
