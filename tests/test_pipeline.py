"""The generator-neutral pipeline's small helpers (the steps are tested through both builds)."""

from __future__ import annotations

import pytest

from scripts import urls


@pytest.mark.parametrize(
    ("src_uri", "url"),
    [("index.md", ""), ("aftercare.md", "aftercare/"), ("a/index.md", "a/"), ("a/b.md", "a/b/")],
)
def test_page_url(src_uri: str, url: str) -> None:
    assert urls.page_url(src_uri) == url


@pytest.mark.parametrize(
    ("from_url", "expected"),
    [
        ("", "handout/x.pdf"),
        (".", "handout/x.pdf"),
        ("aftercare/", "../handout/x.pdf"),
        ("handout/", "x.pdf"),
        ("404.html", "handout/x.pdf"),
    ],
)
def test_relative_url(from_url: str, expected: str) -> None:
    assert urls.relative_url("handout/x.pdf", from_url) == expected


def test_nav_pages_reads_sections_in_order() -> None:
    nav = [{"Home": "index.md"}, {"Care": [{"After": "aftercare.md"}, "faq.md", "https://x"]}]
    assert urls.nav_pages(nav) == ["index.md", "aftercare.md", "faq.md"]
