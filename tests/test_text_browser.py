"""A text-only reading: in `w3m -dump` (no CSS, no JavaScript) every page starts with its title
and then its first sentence, not with the header's controls, the search box and the menu.

How the build gets there: scripts/steps/reading_order.py. That the get-help boxes are headings
in the accessibility tree is checked in Chromium by tests/test_patient_barriers.py.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from browser_helpers import built_pages, in_every_language, language_roots

FIRST_WORDS = 3
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>(.*)", re.DOTALL)
# The lines allowed before the title: the skip link ("Skip to content"; Spanish pages have their
# own words), the first Tab stop, a link to the title; and the language switch ("Español" on an
# English page), one word, which a reader who landed on the wrong language needs before the text.
_SKIP_LINK = re.compile(r'<a\b[^>]*class="md-skip"[^>]*>(.*?)</a>', re.DOTALL)
_LANGUAGE_SWITCH = re.compile(r'<nav class="language-switch"[^>]*>(.*?)</nav>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def w3m_lines(page: Path) -> list[str]:
    w3m = shutil.which("w3m")
    if w3m is None:
        pytest.fail(
            "w3m is not installed. On Debian: apt-get install w3m (the README's test command "
            "installs it as root); elsewhere install w3m from your package manager."
        )
    dump = subprocess.run(
        [w3m, "-dump", "-cols", "80", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", str(page)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return [line.strip() for line in dump.splitlines() if line.strip()]


def words(text: str) -> list[str]:
    return re.findall(r"[\w'’]+", html.unescape(_TAG.sub(" ", text)))


def title_and_first_words(page_html: str) -> tuple[list[str], list[str]]:
    """The page's <h1> (the one in the article) and the first words after it."""
    article = page_html[page_html.find('<div class="md-content"') :]
    match = _H1.search(article)
    assert match, "no <h1> in the page's content"
    return words(match.group(1)), words(match.group(2))[:FIRST_WORDS]


def test_w3m_is_installed_by_the_test_command() -> None:
    from scripts.run_tests import DEBIAN_PACKAGES

    assert DEBIAN_PACKAGES.get("w3m") == "w3m"


def test_every_page_starts_with_its_title_and_first_sentence(each_site: Path) -> None:
    """With either generator (MkDocs + Material, Zensical)."""
    built_site = each_site
    problems = []
    pages = [path for path in built_pages(built_site) if not path.endswith("404.html")]
    for path in pages:
        page = built_site / (path + "index.html" if path.endswith("/") or not path else path)
        lines = w3m_lines(page)
        page_html = page.read_text(encoding="utf-8")
        title, first_words = title_and_first_words(page_html)
        start = 0
        for allowed in (_SKIP_LINK.search(page_html), _LANGUAGE_SWITCH.search(page_html)):
            if allowed and len(lines) > start and words(lines[start]) == words(allowed[1]):
                start += 1
        shown_title = words(lines[start]) if len(lines) > start else []
        shown_next = words(" ".join(lines[start + 1 : start + 3]))[:FIRST_WORDS]
        if shown_title != title or shown_next != first_words:
            opening = "\n    ".join(lines[: start + 3])
            problems.append(
                f"/{path}: w3m shows first\n    {opening}\n  expected "
                f"{' '.join(title)!r}, then {' '.join(first_words)!r}..."
            )
    assert pages, "no built pages"
    assert not problems, "\n".join(problems)


def test_the_404_pages_start_with_their_title(built_site: Path) -> None:
    pages = [path for path in built_pages(built_site) if path.endswith("404.html")]
    for path in pages:
        page_html = (built_site / path).read_text(encoding="utf-8")
        title = _H1.search(page_html)
        assert title, f"/{path}: no <h1>"
        lines = w3m_lines(built_site / path)
        assert words(lines[0]) == words(title[1]), f"/{path}: w3m shows first {lines[:5]}"
    assert pages, "no 404 page"


def test_page_lists_cover_every_language_built_into_the_site(tmp_path: Path) -> None:
    """The walks and scans read their pages from the built site: a Spanish site in es/ joins."""
    for folder, lang in (("", "en"), ("faq/", "en"), ("es/", "es"), ("es/faq/", "es")):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "index.html").write_text(f'<html lang="{lang}">', encoding="utf-8")
    (tmp_path / "assets").mkdir()
    assert language_roots(tmp_path) == ["", "es/"]
    assert in_every_language(tmp_path, ["faq/", "glossary/"]) == ["faq/", "es/faq/"]
    assert "es/faq/" in built_pages(tmp_path)
