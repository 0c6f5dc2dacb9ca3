"""With JavaScript off, every page still shows its content, and the handout link, the video link
and the pain-map tables are there without it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_helpers import VIEWPORTS, built_pages, pages_with_class
from conftest import ServedSite

pytestmark = pytest.mark.browser

HANDOUT_PDF = "handout/trigger-point-dry-needling-handout.pdf"
HANDOUT_PAGES = ["", "aftercare/"]  # `<!-- handout-link -->` in index.md and aftercare.md
VIDEO_PAGES = ["", "demo-video/"]  # front matter `demo_video: true`
PAIN_MAP_PAGES = ["referred-pain/"]  # `<!-- pain-map -->`
MIN_CONTENT_CHARACTERS = 40


@pytest.fixture(scope="module")
def no_js_page(browser: Any) -> Any:
    context = browser.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=False)
    context.route(
        "**/*",
        lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort(),
    )
    yield context.new_page()
    context.close()


def test_every_page_shows_its_content_without_javascript(
    no_js_page: Any, pages_site_url: str, built_site: Path
) -> None:
    page = no_js_page
    problems = []
    for path in built_pages(built_site):
        page.goto(pages_site_url + path, wait_until="load")
        heading = page.locator(".md-content h1").first
        if not heading.count() or not heading.is_visible():
            problems.append(f"/{path}: no visible <h1> in the page content")
        text = page.inner_text(".md-content") if page.locator(".md-content").count() else ""
        if len(text.strip()) < MIN_CONTENT_CHARACTERS:
            problems.append(f"/{path}: the page content shows only {len(text.strip())} characters")
    assert built_pages(built_site), "no built pages"
    assert not problems, "\n".join(problems)


def visible_count(page: Any, selector: str) -> int:
    return sum(1 for element in page.locator(selector).all() if element.is_visible())


@pytest.mark.merged_site
def test_handout_link_works_without_javascript(
    no_js_page: Any, pages_site_url: str, built_site: Path
) -> None:
    page = no_js_page
    assert (built_site / HANDOUT_PDF).is_file(), f"{HANDOUT_PDF} is not in the built site"
    problems = []
    for path in HANDOUT_PAGES:
        page.goto(pages_site_url + path, wait_until="load")
        if not visible_count(page, f".md-content a[href$='{HANDOUT_PDF}']"):
            problems.append(f"/{path}: no visible link to the handout PDF in the page content")
    for path in built_pages(built_site):
        page.goto(pages_site_url + path, wait_until="load")
        footer_links = page.eval_on_selector_all(
            "footer a[href]", "links => links.map(a => a.href)"
        )
        if not any(href.endswith("/" + HANDOUT_PDF) for href in footer_links):
            problems.append(f"/{path}: the footer does not link the handout PDF")
    assert not problems, "\n".join(problems)


@pytest.mark.merged_site
def test_video_link_works_without_javascript(no_js_page: Any, video_site: ServedSite) -> None:
    page = no_js_page
    video_pages = pages_with_class(video_site.path, "demo-video")
    missing = [path for path in VIDEO_PAGES if path not in video_pages]
    assert not missing, f"pages without the .demo-video player: {missing}"
    problems = []
    for path in video_pages:
        page.goto(video_site.url + path, wait_until="load")
        links = page.locator("a.demo-video__play")
        if not visible_count(page, "a.demo-video__play"):
            problems.append(f"/{path}: no visible a.demo-video__play link")
        elif not str(links.first.get_attribute("href")).startswith("https://www.youtube"):
            problems.append(f"/{path}: a.demo-video__play does not link to YouTube")
        if page.locator("iframe").count():
            problems.append(
                f"/{path}: an iframe is on the page before the patient asks for the video"
            )
    assert not problems, "\n".join(problems)


@pytest.mark.merged_site
def test_pain_map_tables_show_without_javascript(
    no_js_page: Any, pages_site_url: str, built_site: Path
) -> None:
    page = no_js_page
    explorer_pages = pages_with_class(built_site, "pain-map__table")
    missing = [path for path in PAIN_MAP_PAGES if path not in explorer_pages]
    assert not missing, f"pages without table.pain-map__table: {missing}"
    problems = []
    for path in explorer_pages:
        page.goto(pages_site_url + path, wait_until="load")
        tables = visible_count(page, "table.pain-map__table")
        if tables < 1:
            problems.append(f"/{path}: no visible pain-map table without JavaScript")
    assert not problems, "\n".join(problems)
