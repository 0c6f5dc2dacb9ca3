"""Edits to built pages: Material's bundle and the scripts after it are deferred."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.page_html import defer_scripts_from_bundle

BUNDLE = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'


def test_bundle_and_later_external_scripts_are_deferred() -> None:
    html = (
        '<head><script src="early.js"></script><script>var inline = 1</script></head>'
        f'<body>{BUNDLE}<script src="assets/javascripts/pain-map.js"></script>'
        '<script src="a.js" defer></script><script src="b.js" async></script>'
        '<script type="module" src="m.js"></script><script>var after = 2</script></body>'
    )
    result = defer_scripts_from_bundle(html)
    assert '<script src="early.js"></script>' in result
    assert "<script>var inline = 1</script>" in result
    assert '<script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer></script>' in result
    assert '<script src="assets/javascripts/pain-map.js" defer></script>' in result
    assert '<script src="a.js" defer></script>' in result
    assert '<script src="b.js" async></script>' in result
    assert '<script type="module" src="m.js"></script>' in result
    assert "<script>var after = 2</script>" in result


def test_a_src_containing_the_word_defer_still_gets_deferred() -> None:
    html = f'{BUNDLE}<script src="assets/javascripts/defer-async-helper.js"></script>'
    assert 'defer-async-helper.js" defer>' in defer_scripts_from_bundle(html)


def test_page_without_material_bundle_is_unchanged() -> None:
    html = '<script src="other.js"></script>'
    assert defer_scripts_from_bundle(html) == html


def test_built_pages_defer_every_script_from_the_bundle_on(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        bundle = re.search(r"<script[^>]*bundle\.[0-9a-f]+\.min\.js[^>]*>", html)
        if bundle is None:
            continue
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html[bundle.start() :]):
            assert re.search(r"\s(defer|async)\b|type=\"module\"", tag), f"{page}: {tag}"


@pytest.mark.browser
def test_material_still_starts_with_the_deferred_bundle(browser: object, site_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url)
    page.wait_for_load_state("load")
    # Material's bundle ran: its document$ observable exists and its focus-visible polyfill is on.
    assert page.evaluate("typeof window.document$ === 'object'")
    page.wait_for_function("document.documentElement.classList.contains('js-focus-visible')")
    assert errors == []
    page.close()


def test_built_pages_name_the_search_dialog(built_site: Path) -> None:
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r'<div class="md-search"[^>]*>', html):
            assert "aria-label=" in tag, f"{page}: {tag}"
