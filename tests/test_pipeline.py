"""The generator-neutral pipeline's small helpers (the steps are tested through both builds)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import ROOT

from scripts import languages, pipeline, urls


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


def test_each_language_keeps_its_own_critical_css_cache(tmp_path: Path) -> None:
    """Each build keeps only the entries its pages used: one file for both languages would lose
    the other language's entries on every build, so no page would ever be found in it."""
    english = pipeline.read_site(ROOT / "mkdocs.yml")
    spanish = dataclasses.replace(english, language=languages.get("es"))
    assert pipeline.critical_css_cache_file(english) == ROOT / ".build-cache" / "critical-css.json"
    assert (
        pipeline.critical_css_cache_file(spanish) == ROOT / ".build-cache" / "critical-css.es.json"
    )
    site = dataclasses.replace(english, config_file=tmp_path / "mkdocs.yml")
    assert pipeline.cache_dir(site, "jinja") == tmp_path / ".build-cache" / "jinja"
    assert (tmp_path / ".build-cache" / "jinja").is_dir()


def test_the_build_keeps_materials_compiled_templates(built_site: Path) -> None:
    """The next build (and the Spanish build in the same process) reads Material's templates
    compiled, from `.build-cache/jinja`, instead of compiling about 60 templates again."""
    compiled = list((ROOT / ".build-cache" / "jinja").glob("__jinja2_*.cache"))
    assert len(compiled) >= 20, compiled
