"""The light/dark switch: partials/javascripts/palette.html (before the first paint) and
assets/javascripts/palette.js (the switch itself)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_helpers import VIEWPORTS, open_ready

pytestmark = pytest.mark.browser

SCHEME = {"light": "default", "dark": "slate"}

# Logs every change to the <body> colour attributes, with the time and whether the first
# paint had happened (registered before any page script runs).
ATTRIBUTE_LOG = """
window.__colourChanges = [];
new MutationObserver((records) => {
  const painted = performance.getEntriesByType("paint").length > 0;
  for (const record of records) {
    if (record.target === document.body && record.attributeName.startsWith("data-md-color-")) {
      window.__colourChanges.push({name: record.attributeName, painted});
    }
  }
}).observe(document, {attributes: true, subtree: true});
"""


class Visit:
    def __init__(self, browser: Any, device: str, init_script: str = "") -> None:
        self.device = device
        self.context = browser.new_context(viewport=VIEWPORTS["desktop"], color_scheme=device)
        self.context.add_init_script(ATTRIBUTE_LOG + init_script)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def scheme(self) -> str | None:
        return self.page.get_attribute("body", "data-md-color-scheme")

    def wait_for_scheme(self, scheme: str) -> None:
        # A selector, not wait_for_function: the page's CSP forbids the eval that polling uses.
        self.page.wait_for_selector(f"body[data-md-color-scheme={scheme}]", state="attached")

    def meta(self, name: str) -> str | None:
        return self.page.evaluate(
            f"document.querySelector('meta[name=\"{name}\"]')?.content ?? null"
        )

    def saved(self) -> Any:
        return self.page.evaluate("typeof __md_get === 'function' ? __md_get('__palette') : null")

    def stored_keys(self) -> list[str]:
        return self.page.evaluate("Object.keys(localStorage)")

    def header_colour(self) -> str:
        rgb = self.page.evaluate(
            "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
        )
        parts = [int(part) for part in rgb[rgb.index("(") + 1 : -1].split(",")[:3]]
        return "#" + "".join(f"{part:02x}" for part in parts)

    def switching_done(self) -> None:
        self.page.wait_for_selector("body:not([data-md-color-switching])", state="attached")

    def visible_switch(self) -> list[str]:
        """The visible switch button's title (what pressing it does); Material moves a title
        into a tooltip (aria-describedby) once the pointer has been on it."""
        return self.page.eval_on_selector_all(
            "[data-palette-toggle] label:not([hidden])",
            "labels => labels.map(l => l.title || document.getElementById("
            "l.getAttribute('aria-describedby')).textContent.trim())",
        )

    def focused_switch(self) -> list[str]:
        """What a screen reader says on the switch: the checked radio's name (the scheme shown)."""
        return self.page.eval_on_selector_all(
            "[data-palette-toggle] input:checked",
            "inputs => inputs.map(i => i.getAttribute('aria-label'))",
        )


@pytest.fixture
def visit(browser: Any, request: pytest.FixtureRequest) -> Iterator[Visit]:
    opened = Visit(browser, getattr(request, "param", "light"))
    yield opened
    opened.context.close()


@pytest.mark.parametrize("visit", ["light", "dark"], indirect=True)
def test_follows_the_device_without_storing_anything(visit: Visit, site_url: str) -> None:
    device = visit.device
    open_ready(visit.page, site_url)
    assert visit.scheme() == SCHEME[device]
    assert visit.meta("color-scheme") == device
    assert visit.meta("theme-color") == visit.header_colour() != "#000000"
    other = "light" if device == "dark" else "dark"
    assert visit.visible_switch() == [f"Switch to {other} mode"]
    assert visit.focused_switch() == [f"{device.capitalize()} mode"]
    assert visit.page.is_checked(f"#__palette_{0 if device == 'light' else 1}")
    assert visit.stored_keys() == [], "nothing is stored until the reader presses the switch"
    assert not visit.errors, visit.errors


def test_colours_are_set_once_before_the_first_paint(visit: Visit, site_url: str) -> None:
    """Material's palette component set them again after the first paint, which restyles the
    whole page on a phone. Only a press on the switch may change them after the paint."""
    open_ready(visit.page, site_url)
    changes = visit.page.evaluate("window.__colourChanges")
    assert changes, "the start-up script never set the colour scheme"
    assert not [change for change in changes if change["painted"]], changes


def test_pressing_the_switch_changes_and_keeps_the_choice(visit: Visit, site_url: str) -> None:
    open_ready(visit.page, site_url)
    visit.page.click("[data-palette-toggle] label:not([hidden])")
    assert visit.scheme() == "slate"
    assert visit.meta("color-scheme") == "dark"
    assert visit.visible_switch() == ["Switch to light mode"]
    saved = visit.saved()
    assert saved["index"] == 1 and saved["color"]["scheme"] == "slate", saved
    assert saved["chosen"] is True, saved
    visit.switching_done()

    # The next page opens dark before any script of its own, although the device is light.
    visit.context.route("**/*.js", lambda route: route.abort())
    visit.page.goto(site_url + "aftercare/", wait_until="load")
    assert visit.scheme() == "slate"
    assert visit.meta("color-scheme") == "dark"
    assert not visit.errors, visit.errors


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_enter_or_space_on_the_switch_changes_the_scheme(
    visit: Visit, site_url: str, key: str
) -> None:
    """It looks like a button, so it works like one (Space did nothing on the checked radio)."""
    open_ready(visit.page, site_url)
    visit.page.focus("[data-palette-toggle] input:checked")
    visit.page.keyboard.press(key)
    visit.wait_for_scheme("slate")
    focused = visit.page.evaluate("document.activeElement.id")
    assert focused == "__palette_1", focused
    assert visit.focused_switch() == ["Dark mode"]
    visit.page.keyboard.press(key)
    visit.wait_for_scheme("default")
    assert visit.page.url == site_url, f"{key} must not submit the switch's form"


def test_arrow_keys_on_the_switch_change_and_keep_the_scheme(visit: Visit, site_url: str) -> None:
    open_ready(visit.page, site_url)
    visit.page.focus("[data-palette-toggle] input:checked")
    visit.page.keyboard.press("ArrowRight")
    visit.wait_for_scheme("slate")
    assert visit.saved()["index"] == 1
    visit.page.keyboard.press("ArrowLeft")
    visit.wait_for_scheme("default")
    assert visit.saved()["index"] == 0


def test_a_device_change_is_followed_until_the_reader_chooses(visit: Visit, site_url: str) -> None:
    open_ready(visit.page, site_url)
    visit.page.emulate_media(color_scheme="dark")
    visit.wait_for_scheme("slate")
    assert visit.visible_switch() == ["Switch to light mode"]
    assert visit.stored_keys() == []

    visit.page.click("[data-palette-toggle] label:not([hidden])")  # the reader picks light
    assert visit.scheme() == "default"
    visit.page.emulate_media(color_scheme="light")
    visit.page.emulate_media(color_scheme="dark")
    visit.page.wait_for_timeout(100)
    assert visit.scheme() == "default", "a saved choice wins over the device"


def stored_entry(value: str) -> str:
    return f"localStorage.setItem(new URL('/', location).pathname + '.__palette', {value!r});"


MATERIAL_ENTRY = (  # Material 9's palette saved this on every page load, chosen or not.
    '{"index": 1, "color": {"media": "(prefers-color-scheme: dark)", "scheme": "slate",'
    ' "primary": "custom", "accent": "custom"}}'
)


@pytest.mark.parametrize(
    ("stored", "scheme", "kept"),
    [
        (MATERIAL_ENTRY, "default", False),
        ('{"index": "x", "chosen": true}', "default", False),
        ("{not json", "default", False),
        ('{"index": 7, "chosen": true}', "slate", True),  # past the last option: the last
    ],
    ids=["material's entry", "bad index", "not JSON", "index too high"],
)
def test_only_a_readers_choice_is_kept(
    browser: Any, site_url: str, stored: str, scheme: str, kept: bool
) -> None:
    """A light-mode device: what the page shows for what an earlier visit left in storage."""
    visit = Visit(browser, "light", init_script=stored_entry(stored))
    try:
        visit.page.goto(site_url, wait_until="load")
        assert visit.scheme() == scheme
        assert (visit.stored_keys() != []) == kept, visit.stored_keys()
        open_ready(visit.page, site_url)
        assert not visit.errors, visit.errors
    finally:
        visit.context.close()


BLOCKED_STORAGE = """
Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); }
});
"""


def test_the_switch_works_when_storage_is_blocked(browser: Any, site_url: str) -> None:
    visit = Visit(browser, "light", init_script=BLOCKED_STORAGE)
    try:
        open_ready(visit.page, site_url)
        visit.page.click("[data-palette-toggle] label:not([hidden])")
        assert visit.scheme() == "slate"
        visit.switching_done()
        visit.page.emulate_media(color_scheme="dark")
        visit.page.emulate_media(color_scheme="light")
        visit.page.wait_for_timeout(100)
        assert visit.scheme() == "slate", "the reader's press wins over the device on this page"
        assert not visit.errors, visit.errors
    finally:
        visit.context.close()
