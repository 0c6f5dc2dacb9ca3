"""Box titles are headings one level below the section they sit in."""

from __future__ import annotations

from scripts.steps.admonition_headings import title_headings

BOX = '<div class="admonition call-911">\n<p class="admonition-title">Call 911 if…</p>\n<p>Text</p></div>'


def test_a_box_under_an_h2_is_a_level_3_heading() -> None:
    html = title_headings('<h1 id="a">Page</h1><h2 id="b">Safety</h2>' + BOX)
    assert '<p class="admonition-title" role="heading" aria-level="3">Call 911 if…</p>' in html


def test_a_box_before_any_h2_is_level_2_and_levels_follow_the_last_heading() -> None:
    html = title_headings("<h1>Page</h1>" + BOX + "<h3>Deep</h3>" + BOX + "<h6>x</h6>" + BOX)
    assert [part.split('"')[0] for part in html.split('aria-level="')[1:]] == ["2", "4", "6"]


def test_pages_without_boxes_are_unchanged() -> None:
    html = "<h1>Page</h1><p class='admonition-title'>not Markdown's</p><p>Text</p>"
    assert title_headings(html) == html
