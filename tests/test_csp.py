"""scripts/steps/csp.py: the policy itself, every built page's <meta>, and Chromium enforcing it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import (
    VIEWPORTS,
    PageRecorder,
    built_pages,
    pages_with_class,
)
from conftest import ServedSite

from scripts.steps import csp

YOUTUBE_NOCOOKIE = "www.youtube-nocookie.com"
REQUIRED_DIRECTIVES = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-src": ["https://www.youtube-nocookie.com"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
}
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


# --- Plain functions ---


def test_inline_scripts_skips_external_scripts_and_data_blocks() -> None:
    page = (
        '<script>a()</script><script src="x.js"></script>'
        '<script id="__config" type="application/json">{"a": 1}</script>'
        '<script type="application/ld+json">{}</script>'
        '<script type="module">b()</script><SCRIPT data-src="y">c()</SCRIPT>'
    )
    assert csp.inline_scripts(page) == ["a()", "b()", "c()"]


def test_script_hash_matches_the_csp_specification_example() -> None:
    assert (
        csp.script_hash("alert('Hello, world.');")
        == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )


def test_policy_allows_scripts_only_from_self_and_by_hash() -> None:
    directives = csp.parse_policy(csp.policy(["'sha256-abc='", "'sha256-abc='"]))
    assert directives["script-src"] == ["'self'", "'sha256-abc='"]
    assert directives["style-src"] == ["'self'"]
    styled = csp.parse_policy(csp.policy([], ["'sha256-css='"]))
    assert styled["style-src"] == ["'self'", "'sha256-css='"]
    for name, sources in REQUIRED_DIRECTIVES.items():
        assert directives[name] == sources, name


def test_security_meta_goes_right_after_charset_and_only_once() -> None:
    page = '<html><head><meta charset="utf-8"><title>t</title></head><body><script>x()</script></body></html>'
    once = csp.add_security_meta(page)
    assert once.startswith(
        '<html><head><meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"'
    )
    assert csp.script_hash("x()") in once
    assert '<meta name="referrer" content="strict-origin-when-cross-origin">' in once
    assert csp.add_security_meta(once) == once


# --- Every built page ---


@pytest.mark.parametrize(
    "page",
    [
        "",
        "<p>no meta</p>",
        '<head>\n  <META NAME="REFERRER" content="x">\n\t<meta name="viewport">',
        'a \u2003<meta http-equiv="Content-Security-Policy" content="x">b<meta\nname="referrer">',
        '<meta name="referrer"> <meta name="referrer">  <meta name="referrer">z',
        '<meta name="referrer"',
    ],
)
def test_earlier_security_meta_removed_with_the_white_space_before_it(page: str) -> None:
    slow = re.compile(
        r"\s*<meta\s+(?:http-equiv=\"Content-Security-Policy\"|name=\"referrer\")[^>]*>",
        re.IGNORECASE,
    )  # what was removed before the faster search: the same, to the character
    assert csp.without_security_meta(page) == slow.sub("", page)


def test_every_page_has_a_strict_policy_matching_its_inline_scripts(each_site: Path) -> None:
    built_site = each_site  # MkDocs and Zensical
    problems: list[str] = []
    for path in built_pages(built_site):
        html_file = built_site / (path + "index.html" if path == "" or path.endswith("/") else path)
        html_text = html_file.read_text(encoding="utf-8")
        metas = _CSP_META.findall(html_text)
        if len(metas) != 1:
            problems.append(f"/{path}: {len(metas)} CSP <meta> elements, expected 1")
            continue
        head_start = html_text[: html_text.index("<meta http-equiv")]
        if not re.search(r"<head>\s*<meta charset=\"utf-8\">\s*$", head_start):
            problems.append(f"/{path}: the CSP <meta> is not the first thing after <meta charset>")
        directives = csp.parse_policy(metas[0].replace("&amp;", "&"))
        script_src = directives.get("script-src", [])
        for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:"):
            if unsafe in script_src:
                problems.append(f"/{path}: script-src allows {unsafe}")
        expected_hashes = {csp.script_hash(script) for script in csp.inline_scripts(html_text)}
        actual_hashes = {source for source in script_src if source.startswith("'sha256-")}
        if expected_hashes != actual_hashes:
            problems.append(
                f"/{path}: script-src hashes do not match the inline scripts: "
                f"missing {sorted(expected_hashes - actual_hashes)}, extra {sorted(actual_hashes - expected_hashes)}"
            )
        # The page's inlined CSS (scripts/steps/critical_css.py), by hash; never style="".
        styles = ["'self'", *(csp.script_hash(style) for style in csp.inline_styles(html_text))]
        if directives.get("style-src") != styles:
            problems.append(
                f"/{path}: style-src is {directives.get('style-src')}, expected {styles}"
            )
        for name, sources in REQUIRED_DIRECTIVES.items():
            if directives.get(name) != sources:
                problems.append(f"/{path}: {name} is {directives.get(name)}, expected {sources}")
        if '<meta name="referrer" content="strict-origin-when-cross-origin">' not in html_text:
            problems.append(f"/{path}: no referrer policy <meta>")
    assert built_pages(built_site), "no built pages"
    assert not problems, "\n".join(problems)


# --- Chromium enforces it ---


def _desktop_context(
    browser: Any, site_url: str, stub_hosts: frozenset[str] = frozenset()
) -> tuple[Any, Any, Any]:
    context = browser.new_context(viewport=VIEWPORTS["desktop"], service_workers="block")
    recorder = PageRecorder.attach(context, site_url, stub_hosts=stub_hosts)
    page = context.new_page()
    recorder.watch(page)
    return context, page, recorder


@pytest.mark.browser
def test_chromium_blocks_an_injected_inline_script(browser: Any, pages_site_url: str) -> None:
    context, page, recorder = _desktop_context(browser, pages_site_url)
    try:
        page.goto(pages_site_url, wait_until="load")
        page.evaluate(
            """() => { const s = document.createElement("script");
                       s.textContent = "window.__injected = true"; document.body.append(s); }"""
        )
        page.wait_for_timeout(100)
        ran = page.evaluate("window.__injected === true")
        recorder.collect_csp_events(page)
    finally:
        context.close()
    assert not ran, "an inline script without a hash ran: the CSP is not enforced"
    assert any("script-src" in line for line in recorder.csp_violations), recorder.csp_violations


@pytest.mark.browser
def test_no_csp_violation_while_searching_hovering_and_toggling_palette(
    browser: Any, pages_site_url: str
) -> None:
    context, page, recorder = _desktop_context(browser, pages_site_url)
    try:
        recorder.current_page = "/ (search)"
        page.goto(pages_site_url, wait_until="load")
        page.click(".md-search__input")
        page.keyboard.type("needle")
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        page.keyboard.press("Escape")

        # Glossary tooltips: Material positions them with CSSOM custom properties, which
        # style-src allows (only style="" in markup and unhashed <style> elements are blocked).
        recorder.current_page = "/ (glossary tooltip)"
        page.hover(".md-content abbr[title]")
        page.wait_for_selector(".md-tooltip2--active", timeout=5_000)

        recorder.current_page = "/ (palette)"
        before = page.get_attribute("body", "data-md-color-scheme")
        page.click("[data-palette-toggle] label:visible")
        page.wait_for_function(f"document.body.dataset.mdColorScheme !== {before!r}")
        recorder.collect_csp_events(page)
    finally:
        context.close()
    assert not recorder.problems(), "\n".join(recorder.problems())


@pytest.mark.browser
@pytest.mark.merged_site
def test_no_csp_violation_while_playing_the_video(browser: Any, video_site: ServedSite) -> None:
    video_pages = pages_with_class(video_site.path, "demo-video")
    assert video_pages, (
        "no built page has a .demo-video player (expected on the home page and demo-video/)"
    )
    context, page, recorder = _desktop_context(
        browser, video_site.url, stub_hosts=frozenset({YOUTUBE_NOCOOKIE})
    )
    frames: list[str] = []
    try:
        for path in video_pages:
            recorder.current_page = f"/{path}"
            contacted_before = len(recorder.stubbed_requests)
            page.goto(video_site.url + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            early = recorder.stubbed_requests[contacted_before:]
            assert not early, f"YouTube was contacted before a click: {early}"
            assert page.locator("a.demo-video__play").count(), (
                f"/{path}: no a.demo-video__play link (is the video still .demo-video--pending?)"
            )
            page.click("a.demo-video__play")
            frame = page.wait_for_selector("iframe.demo-video__frame", timeout=5_000)
            frames.append(str(frame.get_attribute("src")))
            page.wait_for_load_state("networkidle")
            recorder.collect_csp_events(page)
    finally:
        context.close()
    assert all(src.startswith("https://www.youtube-nocookie.com/embed/") for src in frames), frames
    assert recorder.stubbed_requests, "playing the video did not load the youtube-nocookie player"
    assert not recorder.problems(), "\n".join(recorder.problems())


@pytest.mark.browser
@pytest.mark.merged_site
def test_no_csp_violation_while_using_the_pain_explorer(
    browser: Any, pages_site_url: str, built_site: Path
) -> None:
    explorer_pages = pages_with_class(built_site, "pain-map")
    assert explorer_pages, "no built page has a form.pain-map explorer (expected on referred-pain/)"
    context, page, recorder = _desktop_context(browser, pages_site_url)
    results: list[str] = []
    try:
        for path in explorer_pages:
            recorder.current_page = f"/{path}"
            page.goto(pages_site_url + path, wait_until="load")
            page.wait_for_selector("form.pain-map[data-pain-map-ready]")
            boxes = page.locator("form.pain-map input[type=checkbox][name=region]")
            assert boxes.count() > 0, f"/{path}: form.pain-map has no region checkboxes"
            boxes.first.check(force=True)
            page.wait_for_function(
                "document.querySelector('.pain-map__results').textContent.trim().length > 0",
                timeout=5_000,
            )
            results.append(page.inner_text(".pain-map__results"))
            recorder.collect_csp_events(page)
    finally:
        context.close()
    assert all(results), results
    assert not recorder.problems(), "\n".join(recorder.problems())
