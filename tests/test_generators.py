"""MkDocs and Zensical build the same site from the same sources, through one pipeline.

The session builds the real site with each generator once (`built_site`, `zensical_site`).
What must be the same for patients is compared here; what may differ (the theme's own files,
the search index's name, how a relative link is spelt) is listed in README "How it is built".
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from conftest import ROOT, build_command, copy_project

from scripts.steps import csp, handout_pdf

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
ZENSICAL_SKIP_TARGET = '<a id="__skip" tabindex="-1"></a>\n'  # Zensical's base.html adds it
LINK = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"#:?]*)(?P<rest>[#?][^"]*)?"')
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def html_pages(site: Path) -> list[str]:
    """The English pages (Zensical builds the Spanish site not yet: README, "Zensical")."""
    pages = (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return sorted(page for page in pages if not page.startswith("es/"))


def site_paths(html: str, page: str) -> str:
    """`html` from `page` with every relative link written as the site path it points to
    (MkDocs writes `./x.pdf` where Zensical writes `x.pdf`; both are `/handout/x.pdf`)."""
    folder = posixpath.dirname(page)

    def resolve(link: re.Match[str]) -> str:
        url = link["url"]
        if url and not url.startswith("/"):
            ends_with_slash = url.endswith("/") or url in (".", "./", "..")
            url = "/" + posixpath.normpath(posixpath.join(folder, url)).lstrip("./")
            url = url.rstrip("/") + "/" if ends_with_slash else url
        return f'{link["attr"]}="{url}{link["rest"] or ""}"'

    return LINK.sub(resolve, html)


def article(site: Path, page: str) -> str:
    match = ARTICLE.search((site / page).read_text(encoding="utf-8"))
    assert match, f"{page}: no <article>"
    return site_paths(match.group(1).replace(ZENSICAL_SKIP_TARGET, ""), page)


def test_the_same_pages(built_site: Path, zensical_site: Path) -> None:
    assert html_pages(built_site) == html_pages(zensical_site)
    assert len(html_pages(built_site)) >= 16


def test_the_same_article_on_every_page(built_site: Path, zensical_site: Path) -> None:
    """Text, review box, sources, body map, handout link, tooltips and print addresses."""
    different = [
        page
        for page in html_pages(built_site)
        if article(built_site, page) != article(zensical_site, page)
    ]
    assert not different, f"the article differs between MkDocs and Zensical on: {different}"


@pytest.mark.parametrize(
    ("page", "part"),
    [
        ("aftercare/index.html", '<section class="page-review"'),
        ("aftercare/index.html", '<ol class="page-review__sources">'),
        ("referred-pain/index.html", '<div class="pain-map-explorer">'),
        ("aftercare/index.html", '<a class="handout-link"'),
        ("handout/index.html", '<ul class="clinic-contact">'),
        # The player shows only once extra.demo_video has an id (tests/test_demo_video.py
        # builds one); until then the page's steps and drawings.
        ("demo-video/index.html", "pincer-grip.svg"),
        ("glossary/index.html", "<dl"),
    ],
)
def test_the_compared_article_has_each_feature(zensical_site: Path, page: str, part: str) -> None:
    """The comparison above would pass if both lost a feature; Zensical's page must have it."""
    assert part in article(zensical_site, page)


def test_the_same_json_ld(built_site: Path, zensical_site: Path) -> None:
    for page in html_pages(built_site):
        ours = JSON_LD.findall((built_site / page).read_text(encoding="utf-8"))
        theirs = JSON_LD.findall((zensical_site / page).read_text(encoding="utf-8"))
        assert [json.loads(block) for block in ours] == [json.loads(b) for b in theirs], page


def test_the_same_policy_apart_from_the_theme_scripts(
    built_site: Path, zensical_site: Path
) -> None:
    """Same directives; script-src hashes differ only with the theme's own inline scripts,
    style-src's with the theme's CSS (the page's inlined CSS: scripts/steps/critical_css.py)."""
    for page in html_pages(built_site):
        policies = [
            csp.parse_policy(
                re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1]  # type: ignore[index]
            )
            for html in (
                (site / page).read_text(encoding="utf-8") for site in (built_site, zensical_site)
            )
        ]
        for directives in policies:
            directives.pop("script-src")
            style_src = directives.pop("style-src")
            assert style_src[0] == "'self'" and len(style_src) <= 2, (page, style_src)
            assert all(source.startswith("'sha256-") for source in style_src[1:]), page
        assert policies[0] == policies[1], page


def test_the_same_page_scripts(built_site: Path, zensical_site: Path) -> None:
    def ours(site: Path, page: str) -> list[str]:
        loader = re.search(r"var scripts=\[([^\]]*)\]", (site / page).read_text(encoding="utf-8"))
        assert loader, page
        folder = posixpath.dirname(page)
        sources = re.findall(r'"([^"]+)"', loader[1])
        return [
            posixpath.normpath(posixpath.join(folder, s)) for s in sources if "/bundle." not in s
        ]

    for page in html_pages(built_site):
        assert ours(built_site, page) == ours(zensical_site, page), page


def test_the_same_footer(built_site: Path, zensical_site: Path) -> None:
    footer = re.compile(r'<div class="md-copyright clinic-footer">.*?</div>', re.DOTALL)
    for page in html_pages(built_site):
        found = [
            footer.search((s / page).read_text(encoding="utf-8"))
            for s in (built_site, zensical_site)
        ]
        assert found[0] and found[1], page
        assert site_paths(found[0][0], page) == site_paths(found[1][0], page), page


def test_the_same_handout_pdf(built_site: Path, zensical_site: Path) -> None:
    pdf = handout_pdf.PDF_PATH
    assert (built_site / pdf).read_bytes() == (zensical_site / pdf).read_bytes()


def test_the_search_index_each_generator_writes_is_one_search_on_demand_holds_back(
    built_site: Path, zensical_site: Path
) -> None:
    script = (ROOT / "docs/assets/javascripts/search-on-demand.js").read_text(encoding="utf-8")
    pattern = re.search(r"var INDEX = /(.*)/;", script)
    assert pattern
    index = re.compile(pattern[1].replace("\\/", "/"))
    assert (built_site / "search/search_index.json").is_file()
    assert (zensical_site / "search.json").is_file()
    assert index.search("/dry-needling/search/search_index.json")
    assert index.search("/dry-needling/search.json")
    assert not index.search("/dry-needling/assets/data.json")


MISTAKES = {
    "docs/aftercare.md": ("<!-- handout-link -->", "<!-- handout-lnk -->"),
    "docs/contact.md": ("{{ clinic.phone_link }}", "{{ clinic.phon }}"),
    "docs/index.md": ("](referred-pain.md)", "](referred-pain.md#nowhere)"),
}


def test_the_same_staff_mistakes_fail_both_with_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for name, (good, bad) in MISTAKES.items():
        page = project / name
        text = page.read_text(encoding="utf-8")
        assert good in text, f"{name} no longer has {good}; pick another mistake"
        page.write_text(text.replace(good, bad, 1), encoding="utf-8")
    found = {}
    for generator in ("mkdocs", "zensical"):
        result = build_command(project, tmp_path / generator, generator)
        output = result.stdout + result.stderr
        assert result.returncode == 1, f"{generator} built a broken site:\n{output}"
        assert "Traceback" not in output, output
        found[generator] = sorted(set(re.findall(r"(docs/[\w./-]+:\d+): ", output)))
    assert found["mkdocs"] == found["zensical"]
    assert {location.split(":")[0] for location in found["mkdocs"]} == set(MISTAKES)


def test_a_zensical_build_keeps_the_mkdocs_build_cache(built_site: Path) -> None:
    """Zensical empties `.cache/` when it builds; ours lives in `.build-cache/`, so the two
    generators' builds do not throw away each other's work (the MkDocs build's compiled
    templates, inlined CSS and PDFs)."""
    from scripts.pipeline import CACHE_DIR

    assert CACHE_DIR.parts[0] != ".cache"
    assert list((ROOT / CACHE_DIR / "jinja").glob("__jinja2_*.cache")), "no compiled templates"
