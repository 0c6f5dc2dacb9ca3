"""Edits to built pages: scripts load after the first paint; the search dialog has a name."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from conftest import ServedSite, build_site

from scripts.steps.csp import SCRIPT_ELEMENT
from scripts.steps.page_html import (
    FIRST_ROUND_TRIP_BYTES,
    drop_comments,
    load_scripts_after_first_paint,
    minify_inline_scripts,
    over_first_round_trip_problems,
    trim_indentation,
)
from tools.benchmark.pages import gzipped_page_sizes, over_first_round_trip

BUNDLE = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'


def loader_sources(html: str) -> list[str]:
    found = re.search(r"var scripts=(\[.*?\]),", html)
    assert found, html
    return list(json.loads(found.group(1)))


def test_body_scripts_are_swapped_for_one_loader_in_order() -> None:
    html = (
        '<head><script src="early.js"></script><script>var inline = 1</script></head>'
        '<body><p>Text</p><script src="search-on-demand.js" defer></script>'
        f'{BUNDLE}<script src="a.js" defer></script><script src="b.js" async></script>'
        '<script type="module" src="m.js"></script><script>var after = 2</script></body>'
    )
    result = load_scripts_after_first_paint(html)
    assert loader_sources(result) == [
        "search-on-demand.js",
        "../assets/javascripts/bundle.a5f9d56c.min.js",
        "a.js",
    ]
    assert result.count("<script src=") == 2  # early.js (in <head>) and the async b.js
    assert '<head><script src="early.js"></script>' in result
    assert "<script>var inline = 1</script>" in result
    assert '<script src="b.js" async></script>' in result
    assert '<script type="module" src="m.js"></script>' in result
    assert "<script>var after = 2</script>" in result
    assert "requestAnimationFrame" in result


def test_only_plain_external_scripts_are_taken() -> None:
    html = (
        '<body><script src="a.js?x=1&amp;y=2" defer></script><script src=b.js></script>'
        '<script data-src="no.js"></script><script src="i.js" integrity="sha256-x"></script>'
        '<script src="t.js" type="text/plain"></script><script type=module src=m.js></script>'
        "</body>"
    )
    result = load_scripts_after_first_paint(html)
    assert loader_sources(result) == ["a.js?x=1&y=2", "b.js"]
    for kept in (
        'data-src="no.js"',
        'src="i.js" integrity',
        'src="t.js" type="text/plain"',
        "src=m.js",
    ):
        assert kept in result


def test_a_script_address_cannot_end_the_loader_early() -> None:
    result = load_scripts_after_first_paint('<body><script src="a</b.js"></script></body>')
    assert '"a<\\/b.js"' in result
    assert "</b.js" not in result


def test_page_without_body_scripts_is_unchanged() -> None:
    html = '<head><script src="other.js"></script></head><body><p>x</p></body>'
    assert load_scripts_after_first_paint(html) == html


def test_built_pages_load_no_script_before_the_first_paint(each_site: Path) -> None:
    pages = sorted(each_site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.findall(r"<script\b[^>]*\bsrc=", html), f"{page}: an external script tag"
        sources = loader_sources(html)
        assert any(re.search(r"/bundle\.[0-9a-f]+\.min\.js$", src) for src in sources), page
        assert sources[0].endswith("search-on-demand.js"), f"{page}: {sources}"


@pytest.mark.browser
def test_material_starts_after_the_first_paint(browser: object, site_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url)
    page.wait_for_load_state("load")
    # Material's bundle ran: its document$ observable exists and its focus-visible polyfill is on.
    page.wait_for_function("() => typeof window.document$ === 'object'")
    page.wait_for_function("() => document.documentElement.classList.contains('js-focus-visible')")
    # ... it was only asked for once the first paint was on screen ...
    timings = page.evaluate(
        """() => ({
            paint: performance.getEntriesByName("first-contentful-paint")[0].startTime,
            bundle: performance.getEntriesByType("resource")
                .find((entry) => /bundle\\.[0-9a-f]+\\.min\\.js$/.test(entry.name)).startTime,
        })"""
    )
    assert timings["bundle"] >= timings["paint"], timings
    # ... and Material's DOMContentLoaded set-up ran: it sizes the sidebars (not without it).
    page.wait_for_selector("html[data-scripts-ready]")
    scrollwrap = "document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap')"
    assert page.evaluate(f"() => {scrollwrap}.style.height") != ""
    assert errors == []
    page.close()


def test_built_pages_name_the_search_dialog(each_site: Path) -> None:
    pages = sorted(each_site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        tags = re.findall(r'<div class="md-search"[^>]*>', html)
        # Exactly one: a renamed class in a theme upgrade must fail here, not pass unchecked.
        assert len(tags) == 1, f"{page}: {len(tags)} search dialogs (div.md-search)"
        assert 'role="dialog"' in tags[0] and "aria-label=" in tags[0], f"{page}: {tags[0]}"


def test_only_the_video_poster_loads_lazily(built_site: Path, video_site: ServedSite) -> None:
    # Diagrams stay eager: Chromium prints lazy images that were never scrolled to as blanks.
    # The poster shows once a video is set (the shipped site has none, so no player).
    video_page = (video_site.path / "demo-video" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<img class="demo-video__poster"[^>]*loading="lazy"', video_page)
    for page in ("trigger-points/index.html", "referred-pain/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        images = re.findall(r"<img\b[^>]*>", html)
        assert images, page
        assert not any('loading="lazy"' in image for image in images), (page, images)


def test_trim_indentation_keeps_one_newline_and_leaves_pre_and_scripts_alone() -> None:
    html = (
        "<ul>\n    <li>a</li>\n\n\n    <li>b</li>\n</ul>\n  <pre>  keep\n\n  this</pre>\n"
        "   <script>\n  var a = `x\n  y`;\n</script>\n   <code>a\n  b</code>"
    )
    assert trim_indentation(html) == (
        "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre>  keep\n\n  this</pre>\n"
        "<script>\n  var a = `x\n  y`;\n</script>\n<code>a\n  b</code>"
    )


def test_comments_are_dropped_outside_scripts_and_preformatted_text() -> None:
    html = (
        "<p>Text<!-- note for staff --></p>\n<!-- Glossary:\n one line per word -->\n"
        "<pre><!-- shown --></pre><script>var a = '<!-- kept -->';</script>"
    )
    assert drop_comments(html) == (
        "<p>Text</p>\n\n<pre><!-- shown --></pre><script>var a = '<!-- kept -->';</script>"
    )


def test_built_pages_have_no_comments(each_site: Path) -> None:
    with_comments = [
        str(page.relative_to(each_site))
        for page in each_site.rglob("*.html")
        if "<!--" in SCRIPT_ELEMENT.sub("", page.read_text(encoding="utf-8"))
    ]
    assert not with_comments, with_comments


def test_the_loader_announces_domcontentloaded_only_with_materials_bundle() -> None:
    with_bundle = load_scripts_after_first_paint(f"<body>{BUNDLE}</body>")
    without = load_scripts_after_first_paint('<body><script src="a.js"></script></body>')
    assert "material=true," in with_bundle
    assert "material=false," in without


def test_inline_scripts_are_minified_and_data_blocks_left_alone() -> None:
    data = '<script type="application/ld+json">{\n  "name": "Clinic"\n}</script>'
    config = '<script id="__config" type="application/json">{"base": ".."}</script>'
    external = '<script src="a.js"></script>'
    html = (
        "<script>\n// comment for staff\nfunction show(index) {\n  return index + 1;\n}\n</script>"
        f'{data}{config}{external}<script type="text/javascript">  var a = 1;  </script>'
    )
    result = minify_inline_scripts(html)
    assert "<script>function show(index){return index+1;}</script>" in result
    assert '<script type="text/javascript">var a=1;</script>' in result
    assert data in result and config in result and external in result


def test_built_pages_ship_no_script_comments(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "function __palette_show(" in html
    assert "// The option to show" not in html


def test_every_page_arrives_in_the_first_round_trip(each_site: Path) -> None:
    """Each built page (every language, 404 included), gzipped as the server and GitHub Pages
    send it, fits in a new connection's first round trip; inlined CSS counts too."""
    sizes = gzipped_page_sizes(each_site)
    assert len(sizes) >= 16, sorted(sizes)
    too_big = over_first_round_trip(sizes)
    assert not too_big, (
        f"gzipped HTML over {FIRST_ROUND_TRIP_BYTES:,} bytes (the first round trip): {too_big}. "
        "Make the page smaller (split it, or shorten what every page carries)."
    )


def test_a_page_one_byte_over_the_round_trip_is_caught(tmp_path: Path) -> None:
    (tmp_path / "big").mkdir()
    noise = random.Random(18).randbytes(FIRST_ROUND_TRIP_BYTES)  # does not compress
    (tmp_path / "big" / "index.html").write_bytes(noise)
    (tmp_path / "index.html").write_text("<p>small</p>")
    sizes = gzipped_page_sizes(tmp_path)
    assert sizes["big/index.html"] > FIRST_ROUND_TRIP_BYTES
    assert over_first_round_trip(sizes) == {"big/index.html": sizes["big/index.html"]}
    assert over_first_round_trip({"a.html": FIRST_ROUND_TRIP_BYTES}) == {}


def test_a_page_over_the_round_trip_fails_the_build_with_its_markdown_file(tmp_path: Path) -> None:
    (tmp_path / "big").mkdir()
    noise = random.Random(18).randbytes(FIRST_ROUND_TRIP_BYTES)  # does not compress
    (tmp_path / "big" / "index.html").write_bytes(noise)
    (tmp_path / "index.html").write_text("<p>small</p>")
    over = gzipped_page_sizes(tmp_path)["big/index.html"] - FIRST_ROUND_TRIP_BYTES
    sources = {"big/index.html": "docs/big.md", "index.html": "docs/index.md", "gone.html": "x.md"}
    problems = over_first_round_trip_problems(tmp_path, sources)
    assert [str(problem) for problem in problems] == [
        (
            f"docs/big.md:1: this page is {over:,} bytes over the 14 KB first round trip (its "
            f"HTML, gzipped, must fit in {FIRST_ROUND_TRIP_BYTES:,} bytes to show quickly on a "
            "slow phone); shorten it or split it into two pages"
        )
    ]
    assert problems[0].severity == "error"


def test_the_build_stops_at_a_page_over_the_round_trip(
    scratch_project: Path, tmp_path: Path
) -> None:
    letters = random.Random(18)
    filler = " ".join(
        "".join(letters.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6)) for _ in range(4000)
    )  # about 15 KB gzipped: random words do not compress
    page = scratch_project / "docs" / "privacy.md"
    page.write_text(f"{page.read_text(encoding='utf-8')}\n\n{filler}\n", encoding="utf-8")
    result = build_site(scratch_project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert re.search(
        r"docs/privacy\.md:1: this page is [\d,]+ bytes over the 14 KB first round trip .*"
        r"shorten it or split it into two pages",
        output,
    ), output
    assert "Traceback" not in output


def test_a_text_is_gzipped_once_to_measure_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The critical-CSS step and the size check measure the same page: compressed once."""
    from scripts.steps import page_html

    page = b"<p>A page measured twice</p>" * 50
    other = page + b"<p>and another</p>"
    compressed: list[bytes] = []
    original = page_html.gzipped
    monkeypatch.setattr(page_html, "gzipped", lambda raw: compressed.append(raw) or original(raw))
    sizes = [page_html.gzipped_size(text) for text in (page, page, other, page)]
    assert sizes == [len(original(page))] * 2 + [len(original(other)), len(original(page))]
    assert compressed == [page, other]
