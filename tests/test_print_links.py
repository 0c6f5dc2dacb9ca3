"""Printed pages show where links go: relative links get a full web address for the print stylesheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_helpers import open_styled

from scripts.steps.print_links import add_print_urls


def test_relative_links_get_full_addresses() -> None:
    html = (
        '<a href="../aftercare/">a</a> <a href="#top">b</a> <a href="https://x.org/">c</a> '
        '<a href="mailto:a@b.org">d</a> <a class="x" href="faq/#q1">e</a>'
    )
    out = add_print_urls(html, "https://example.org/site/", "safety/")
    assert (
        '<a href="../aftercare/" data-print-url="https://example.org/site/aftercare/">a</a>' in out
    )
    assert (
        '<a class="x" href="faq/#q1" data-print-url="https://example.org/site/safety/faq/#q1">e</a>'
        in out
    )
    assert out.count("data-print-url") == 2


def test_adding_twice_changes_nothing() -> None:
    once = add_print_urls('<a href="x/">x</a>', "https://e.org/", "")
    assert add_print_urls(once, "https://e.org/", "") == once


def test_print_stylesheet_hides_chrome_and_prints_addresses(built_site: Path) -> None:
    css = (built_site / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    print_rules = css[css.index("@media print{") :]  # the built copy is minified
    for selector in (".md-header", ".md-sidebar", ".md-search", "[data-palette-toggle]"):
        assert selector in print_rules
    assert 'content:" (" attr(href) ")"' in print_rules


@pytest.mark.browser
def test_printed_page_has_no_header_and_shows_link_addresses(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        open_styled(page, site_url + "aftercare/")  # its stylesheets apply
        page.emulate_media(media="print")
        assert page.eval_on_selector(".md-header", "el => getComputedStyle(el).display") == "none"
        after = page.eval_on_selector(
            ".md-content a[data-print-url]", "el => getComputedStyle(el, '::after').content"
        )
        assert "http" in after, after
    finally:
        context.close()
