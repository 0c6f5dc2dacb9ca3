"""search-on-demand.js: the search index and worker load only when someone opens search,
and search still works by mouse, by keyboard and on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_helpers import VIEWPORTS

pytestmark = pytest.mark.browser

SEARCH_FILES = ("search/search_index.json", "/workers/search.")


class Session:
    def __init__(self, browser: Any, viewport: str) -> None:
        self.context = browser.new_context(viewport=VIEWPORTS[viewport])
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def search_requests(self) -> list[str]:
        return [url for url in self.requests if any(part in url for part in SEARCH_FILES)]

    def results_for(self, query: str) -> int:
        self.page.keyboard.type(query)
        self.page.wait_for_selector(".md-search-result__item", timeout=10_000)
        return self.page.locator(".md-search-result__item").count()


@pytest.fixture
def session(browser: Any, request: pytest.FixtureRequest) -> Iterator[Session]:
    watched = Session(browser, getattr(request, "param", "desktop"))
    yield watched
    watched.context.close()


def test_nothing_for_search_loads_until_search_opens(session: Session, site_url: str) -> None:
    session.page.goto(site_url + "safety/", wait_until="networkidle")
    session.page.mouse.wheel(0, 600)  # reading and scrolling is not searching
    session.page.wait_for_timeout(300)
    assert session.search_requests() == []
    session.page.click(".md-search__input")
    assert session.results_for("needle") > 0
    loaded = session.search_requests()
    assert any("search_index.json" in url for url in loaded), loaded
    assert any("/workers/search." in url for url in loaded), loaded
    assert session.errors == []


def test_keyboard_shortcut_opens_a_working_search(session: Session, site_url: str) -> None:
    session.page.goto(site_url, wait_until="networkidle")
    session.page.keyboard.press("/")
    assert session.results_for("bruise") > 0
    assert session.errors == []


@pytest.mark.parametrize("session", ["phone"], indirect=True)
def test_search_button_on_a_phone_opens_a_working_search(session: Session, site_url: str) -> None:
    session.page.goto(site_url + "aftercare/", wait_until="networkidle")
    assert session.search_requests() == []
    session.page.get_by_role("button", name="Search").first.click()
    assert session.results_for("sore") > 0
    assert session.errors == []


def test_arriving_from_a_search_result_highlights_at_once(session: Session, site_url: str) -> None:
    session.page.goto(site_url + "safety/?h=needle", wait_until="networkidle")
    session.page.wait_for_selector("mark[data-md-highlight]", timeout=10_000)
    assert session.errors == []
