"""Each page's CSS inlined, the stylesheets after the first paint (scripts/steps/critical_css.py).

The browser tests hold the stylesheets back (as a slow phone shows the page at its first
paint) and compare that screen with the page once they have arrived: the same pixels, in light
and dark mode, on a phone and a desktop, and 0 axe violations before they arrive.
"""

from __future__ import annotations

import functools
import io
import re
import time
from pathlib import Path
from typing import Any

import cssselect2
import pytest
import tinyhtml5
import tinyhtml5.inputstream
from browser_helpers import COLOR_SCHEMES, VIEWPORTS, axe_violations, built_pages

from scripts.steps import critical_css
from scripts.steps.csp import inline_styles, parse_policy, script_hash
from scripts.steps.page_html import (
    FIRST_ROUND_TRIP_BYTES,
    HELD_STYLESHEETS_ID,
    gzipped,
    load_scripts_after_first_paint,
)

CSS = """
:root{--used:red;--chained:var(--used);--unused:url("data:image/svg+xml,<svg/>")}
.kept{color:var(--chained)}
.absent{color:blue}
.kept:hover{color:green}
@media screen and (min-width:45em){.kept,.absent{margin:0;transition:color .2s}}
@media screen and (min-width:60em){.kept{padding:0}}
@media print{.kept{color:black}}
[data-md-color-scheme=slate] .kept{background:black}
.kept::-webkit-scrollbar{width:1px}
"""
PAGE = """<html><head><link rel="stylesheet" href="a.css"><link rel="stylesheet" href="b.css">
</head><body data-md-color-scheme="default">
<input data-md-color-scheme="slate" data-md-color-primary="custom" data-md-color-accent="custom">
<article class="md-content__inner"><h1 class="kept">T</h1></article>
<script src="bundle.js"></script></body></html>"""


def test_only_rules_for_the_pages_elements_are_kept() -> None:
    css = critical_css.Stylesheets.parse([CSS]).critical(PAGE)
    assert ".kept{color:var(--chained)}" in css
    assert "--used:red" in css and "--chained:var(--used)" in css  # used through another
    assert "--unused" not in css and ".absent" not in css and ":hover" not in css
    assert "@media screen and (min-width:45em){.kept{margin:0}}" in css  # no transition
    assert "padding" not in css  # desktops only: there the stylesheets block the first paint
    assert "color:black" not in css  # print rules stay in the stylesheets
    assert "[data-md-color-scheme=slate] .kept{background:black}" in css  # the dark scheme
    assert "scrollbar" in css  # matched on the element itself


def _article_page(blocks: str, after: str = "") -> str:
    return (
        '<html><head></head><body><article class="md-content__inner">'
        f"{blocks}</article>{after}</body></html>"
    )


def test_only_the_first_screen_and_every_link_are_styled_inline() -> None:
    css = critical_css.Stylesheets.parse(
        [".top{color:red}.late{color:blue}.late-link{color:green}footer{margin:0}"]
    )
    screen = "<p>" + "word " * (critical_css.FIRST_SCREEN_WEIGHT // 5) + "</p>"
    late = '<p class="late">Later <a class="late-link" href="x">a link</a></p>'
    long_page = _article_page(f'<h1 class="top">T</h1>{screen}{late}', "<footer>F</footer>")
    kept = css.critical(long_page)
    assert ".top{color:red}" in kept and ".late-link{color:green}" in kept
    assert ".late{" not in kept and "footer{" not in kept  # below the first screen
    short_page = _article_page(f'<h1 class="top">T</h1>{late}', "<footer>F</footer>")
    assert ".late{color:blue}" in css.critical(short_page)
    assert "footer{margin:0}" in css.critical(short_page)  # a short page shows its footer


def test_parts_a_phone_keeps_closed_are_not_styled_inline() -> None:
    css = critical_css.Stylesheets.parse(
        [
            ".md-sidebar--primary{left:0}.nav{color:red}.result{color:blue}"
            + ".md-search__output{opacity:0}.md-sidebar--secondary{display:none}"
        ]
    )
    page = (
        '<html><body><div class="md-sidebar--primary"><a class="nav" href="x">A</a></div>'
        '<div class="md-sidebar--secondary"><p class="result">Contents</p></div>'
        '<div class="md-search__output"><p class="result">R</p></div>'
        '<article class="md-content__inner"><p>Text</p></article></body></html>'
    )
    kept = css.critical(page)
    assert ".md-sidebar--primary{left:0}" in kept  # what keeps the drawer closed
    assert ".md-search__output{opacity:0}" in kept and "display:none" in kept
    assert ".nav" not in kept and ".result" not in kept  # inside: painted only once opened
    outside = page.replace("<p>Text</p>", '<p class="result">Text <a class="nav">B</a></p>')
    assert ".nav{color:red}" in css.critical(outside) and ".result" in css.critical(outside)


def test_the_closed_parts_are_cut_out_before_the_page_is_parsed() -> None:
    page = (
        '<div class="md-sidebar md-sidebar--primary" x><nav><div class="md-top">A</div>'
        '<a href="x">menu</a></nav></div><p>Text</p><div class="md-top">B</div>'
    )
    assert critical_css.without_closed_parts(page) == (
        '<div class="md-sidebar md-sidebar--primary" x></div><p>Text</p><div class="md-top"></div>'
    )
    unclosed = '<div class="md-top"><p>B</p>'
    assert critical_css.without_closed_parts(unclosed) == unclosed


def test_the_head_is_emptied_before_the_page_is_parsed() -> None:
    page = '<html><head><meta charset="utf-8"><script>x</script></head><body><p>T</p></body></html>'
    assert critical_css.without_head_contents(page) == (
        "<html><head></head><body><p>T</p></body></html>"
    )
    kept = critical_css.Stylesheets.parse(["meta,script{color:red}p{color:blue}"]).critical(page)
    assert kept == "p{color:blue}"  # nothing in <head> is painted
    assert critical_css.without_head_contents("<p>No head</p>") == "<p>No head</p>"


def test_a_large_stylesheet_is_split_into_parts_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(critical_css, "PART_BYTES", 100)
    rules = [f".r{number}{{margin:{number}px}}" for number in range(30)]
    sheet = tmp_path / "main.css"
    sheet.write_text('@charset "UTF-8";' + "@media print{.p{color:red}}" + "".join(rules))
    parts = critical_css.split_stylesheet(sheet)
    assert [part.name for part in parts][:2] == ["main.part1.css", "main.part2.css"]
    texts = [part.read_text() for part in parts]
    assert all(text.startswith('@charset "UTF-8";') for text in texts)
    joined = "".join(text.removeprefix('@charset "UTF-8";') for text in texts)
    assert joined == "@media print{.p{color:red}}" + "".join(rules)  # every rule, in order
    assert all(len(text) < 200 for text in texts)
    small = tmp_path / "small.css"
    small.write_text(".a{color:red}")
    assert critical_css.split_stylesheet(small) == [small]
    imports = tmp_path / "imports.css"
    imports.write_text('@import "x.css";' + "".join(rules))  # its place matters: kept whole
    assert critical_css.split_stylesheet(imports) == [imports]
    # The same text in the other language's site: split once per process, its parts written.
    split: list[str] = []
    parts_of = critical_css._parts
    monkeypatch.setattr(critical_css, "_parts", lambda text: split.append(text) or parts_of(text))
    (tmp_path / "es").mkdir()
    copy = tmp_path / "es" / "main.css"
    copy.write_text(sheet.read_text())
    copies = critical_css.split_stylesheet(copy)
    assert [part.read_text() for part in copies] == texts and split == []


def test_a_site_splits_each_stylesheet_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages in different folders name the same stylesheet by different relative hrefs."""
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "a.css").write_text(CSS)
    (tmp_path / "css" / "b.css").write_text(".kept{margin:0}")
    for folder, prefix in (("", ""), ("faq/", "../")):
        page = load_scripts_after_first_paint(PAGE.replace('href="', f'href="{prefix}css/'))
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / "index.html").write_text(page)
    calls: list[Path] = []
    split = critical_css.split_stylesheet
    monkeypatch.setattr(
        critical_css, "split_stylesheet", lambda file: calls.append(file) or split(file)
    )
    cache = critical_css.CriticalCache.load(tmp_path / "cache.json")
    assert critical_css.inline_site(tmp_path, "http://x/", cache) == []
    assert sorted(file.name for file in calls) == ["a.css", "b.css"]
    assert all("<style>" in page.read_text() for page in tmp_path.rglob("*.html"))


def test_links_wait_in_a_noscript_for_the_loader() -> None:
    page = load_scripts_after_first_paint(PAGE)
    inlined = critical_css.inline_critical_css(page, ".kept{color:red}")
    head = inlined.split("</head>")[0]
    assert re.findall(r"<link[^>]*>", head.split("<noscript")[0]) == []
    assert (
        f'<style>.kept{{color:red}}</style><noscript id="{HELD_STYLESHEETS_ID}">'
        '<link rel="stylesheet" href="a.css"><link rel="stylesheet" href="b.css"></noscript>'
        "<script>matchMedia("  # on a desktop, the same links put back before the script
    ) in head
    assert f'matchMedia("{critical_css.DESKTOP_MEDIA}")' in head
    # Without the loader (no scripts to load) nothing would add the links: left as it is.
    assert critical_css.inline_critical_css(PAGE, "x") == PAGE


def test_the_cache_works_out_each_page_once(tmp_path: Path) -> None:
    cache_file = tmp_path / "cache.json"
    cache = critical_css.CriticalCache.load(cache_file)
    first = cache.critical(PAGE, [CSS])
    cache.save()
    again = critical_css.CriticalCache.load(cache_file)
    assert again.entries and again.critical(PAGE, [CSS]) == first
    changed = again.critical(PAGE, [CSS + ".absent{margin:0}"])  # a stylesheet changed
    assert changed == first and len(again.entries) == 2
    again.used.clear()
    again.critical(PAGE.replace("<h1", "<h2"), [CSS])
    again.save()  # only what this build used stays
    assert len(critical_css.CriticalCache.load(cache_file).entries) == 1


def test_the_cache_is_not_used_after_the_code_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry made by older code of this step is never used: its key holds the code's hash."""
    cache_file = tmp_path / "cache.json"
    cache = critical_css.CriticalCache.load(cache_file)
    cache.critical(PAGE, [CSS])
    cache.save()
    monkeypatch.setattr(critical_css, "_THIS_CODE", "changed code")
    again = critical_css.CriticalCache.load(cache_file)
    again.critical(PAGE, [CSS])
    assert len(again.entries) == 2, "the entry made by the older code was used"


def test_a_selector_is_tested_only_where_the_page_has_what_it_names() -> None:
    needs = critical_css.requirements(".a .b>c#d[x=y][z]:not(.gone):is(.either, .or)")
    assert needs == {
        ("class", "a"), ("class", "b"), ("tag", "c"), ("id", "d"),
        ("attr", "x"), ("attr=", "x=y"), ("attr", "z"),
    }  # fmt: skip
    assert ("attr=", "x=y") not in critical_css.requirements("[x=y i]")  # any case
    assert critical_css.requirements("svg|a") == frozenset()  # namespaces: always tested


def test_skipping_selectors_a_page_cannot_match_keeps_the_same_css(
    built_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shortcut changes how fast, never what: every page's CSS is the same as when every
    selector is tested against every element."""
    pages = [p for p in _pages_with_inline_css(built_site) if not p.endswith(".html")][::3]
    first = built_site / pages[0] / "index.html"
    hrefs = re.findall(r'<link rel="stylesheet" href="([^"]+)"', first.read_text("utf-8"))
    css = [(first.parent / href).read_text(encoding="utf-8") for href in hrefs]
    assert len(css) >= 2 and len(pages) >= 3
    quick = critical_css.Stylesheets.parse(css)
    monkeypatch.setattr(critical_css, "requirements", lambda selector: frozenset())
    thorough = critical_css.Stylesheets.parse(css)
    for path in pages:
        html = _html(built_site, path)
        assert quick.critical(html) == thorough.critical(html), path


def test_the_kept_element_tree_matches_as_cssselect2_does(
    built_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Elements made once per page (their children, names and classes kept) and one tree for
    every colour scheme give every page the CSS that cssselect2's own elements give."""
    pages = [p for p in _pages_with_inline_css(built_site) if not p.endswith(".html")][1::3]
    first = built_site / pages[0] / "index.html"
    hrefs = re.findall(r'<link rel="stylesheet" href="([^"]+)"', first.read_text("utf-8"))
    sheets = critical_css.Stylesheets.parse(
        [(first.parent / href).read_text(encoding="utf-8") for href in hrefs]
    )
    kept = {path: sheets.critical(_html(built_site, path)) for path in pages}
    assert any("data-md-color-scheme" in css for css in kept.values())  # both schemes matched
    monkeypatch.setattr(critical_css, "_Element", cssselect2.ElementWrapper)
    for path in pages:
        assert sheets.critical(_html(built_site, path)) == kept[path], path


def test_tinyhtml5_finds_its_patterns_in_its_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """tinyhtml5 2.1.0 stored its patterns under the wrong key and compiled one on every call:
    with the cache filled under the right key, parsing a page again compiles none."""
    page = '<html><body><p class="a b">Text &amp; <a href="x">more</a></p></body></html>'
    tinyhtml5.parse(page)
    compiled: list[str] = []
    original = re.compile

    def counted(pattern: str, *args: Any) -> re.Pattern[str]:
        compiled.append(pattern)
        return original(pattern, *args)

    monkeypatch.setattr(tinyhtml5.inputstream.re, "compile", counted)
    tinyhtml5.parse(page)
    assert compiled == []


def _html(site: Path, path: str) -> str:
    file = site / path if path.endswith(".html") else site / path / "index.html"
    return file.read_text(encoding="utf-8")


def _pages_with_inline_css(site: Path) -> list[str]:
    return [path for path in built_pages(site) if inline_styles(_html(site, path))]


def test_built_pages_inline_css_only_where_it_fits(built_site: Path) -> None:
    inlined = 0
    for path in built_pages(built_site):
        html = _html(built_site, path)
        assert len(gzipped(html.encode())) <= FIRST_ROUND_TRIP_BYTES, path
        head = html.split("</head>")[0]
        styles = inline_styles(html)
        if not styles:  # too big to carry its CSS: ordinary links
            assert 'rel="stylesheet"' in head and HELD_STYLESHEETS_ID not in head, path
            continue
        inlined += 1
        assert len(styles) == 1 and len(styles[0]) > 1000, path
        outside, held = head.split(f'<noscript id="{HELD_STYLESHEETS_ID}">')
        assert 'rel="stylesheet"' not in outside and outside.endswith("</style>"), path
        # After the <noscript>, the script that puts the links back on a desktop.
        assert "</noscript><script>matchMedia(" in held, path
        policy = parse_policy(re.search(r'Security-Policy" content="([^"]*)"', html)[1])
        assert policy["style-src"] == ["'self'", script_hash(styles[0])], path
        assert "'unsafe-inline'" not in str(policy), path
    assert inlined >= 25, f"only {inlined} pages carry their CSS inline"


def _screen(browser: Any, url: str, viewport: str, scheme: str, *, stylesheets: bool) -> Any:
    """The page's first screen: the stylesheets held back, or arrived (scripts never arrive:
    what they change is the before-scripts tests' concern)."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)

    def route(request_route: Any) -> None:
        kind = request_route.request.resource_type
        if kind == "script" or (kind == "stylesheet" and not stylesheets):
            request_route.abort()
        else:
            request_route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(url, wait_until="load")
    if stylesheets:
        page.wait_for_selector("html[data-scripts-ready]", state="attached")
        assert page.evaluate("document.styleSheets.length") >= 2, url
    return context, page


@pytest.mark.browser
@pytest.mark.parametrize("scheme", COLOR_SCHEMES)
def test_first_screen_looks_the_same_before_the_stylesheets_arrive(
    browser: Any, pages_site_url: str, built_site: Path, scheme: str
) -> None:
    """No flash of unstyled or wrongly coloured content, and axe 0, at a phone's first paint
    (on a desktop the stylesheets block it: the next test)."""
    viewport = "phone"
    from PIL import Image, ImageChops

    problems: list[str] = []
    for path in _pages_with_inline_css(built_site):
        shots = []
        for stylesheets in (False, True):
            context, page = _screen(
                browser, pages_site_url + path, viewport, scheme, stylesheets=stylesheets
            )
            try:
                if not stylesheets:
                    problems.extend(f"axe: /{path}: {line}" for line in axe_violations(page))
                shots.append(Image.open(io.BytesIO(page.screenshot())).convert("RGB"))
            finally:
                context.close()
        difference = ImageChops.difference(*shots)
        # Anti-aliasing may differ on a rounded corner; a flash changes whole areas.
        over = [band.point(lambda value: 255 if value > 24 else 0) for band in difference.split()]
        changed = functools.reduce(ImageChops.lighter, over).histogram()[255]
        if changed > 20:
            problems.append(
                f"/{path}: {changed} pixels change when the stylesheets arrive "
                f"(area {difference.getbbox()})"
            )
    assert not problems, f"{viewport} {scheme}:\n" + "\n".join(problems)


@pytest.mark.browser
def test_a_desktop_paints_only_once_the_stylesheets_have_arrived(
    browser: Any, pages_site_url: str, built_site: Path
) -> None:
    """On a desktop the inlined CSS (a phone's) is never painted alone: the stylesheets'
    desktop links block the first paint, so the first frame already has them all."""
    path = _pages_with_inline_css(built_site)[0]
    for width, blocking in ((VIEWPORTS["desktop"]["width"], True), (390, False)):
        context = browser.new_context(viewport={"width": width, "height": 800})
        context.route("**/*.js", lambda request_route: request_route.abort())

        def slow_stylesheet(request_route: Any) -> None:
            time.sleep(0.3)  # a slow network: a paint before the stylesheets would show
            request_route.continue_()

        context.route("**/*.css", slow_stylesheet)
        page = context.new_page()
        try:
            page.goto(pages_site_url + path, wait_until="load")
            sheets = page.evaluate(
                """() => [...document.querySelectorAll("link[rel=stylesheet]")].map(
                    link => [link.getAttribute("blocking"), !!link.sheet])"""
            )
            if blocking:  # every stylesheet, render-blocking, and loaded by the first paint
                blocking_sheets = [s for s in sheets if s[0] is not None]  # not the loader's
                assert len(blocking_sheets) >= 3, sheets  # main.css in parts, palette, site
                assert all(s == ["render", True] for s in blocking_sheets), sheets
                for _ in range(50):  # the first paint can come just after "load"
                    if page.evaluate("performance.getEntriesByType('paint').length"):
                        break
                    page.wait_for_timeout(100)
                paint, arrived = page.evaluate(
                    """() => {
                      const first = {};  // each stylesheet's first download (the loader's is later)
                      for (const r of performance.getEntriesByType("resource"))
                        if (r.name.endsWith(".css") && !(r.name in first)) first[r.name] = r.responseEnd;
                      return [performance.getEntriesByType("paint")[0].startTime,
                              Math.max(...Object.values(first))];
                    }"""
                )
                assert paint >= arrived, f"{path}: painted at {paint} ms, CSS at {arrived} ms"
            else:  # a phone: only the held copies, added by the loader
                assert all(blocking_attribute is None for blocking_attribute, _ in sheets), sheets
        finally:
            context.close()


@pytest.mark.browser
def test_nothing_moves_while_the_page_starts(
    browser: Any, pages_site_url: str, built_site: Path
) -> None:
    """On a slow phone (CPU 4 times slower, as Lighthouse's), with scripts: from the first
    paint until the held stylesheets are applied and Material has started, no layout shift
    (Lighthouse's CLS 0). A part of the page built by a script before its styles arrive, for
    example, pushed the header onto two lines for a moment."""
    problems: list[str] = []
    for path in built_pages(built_site):
        context = browser.new_context(viewport=VIEWPORTS["phone"], is_mobile=True)
        page = context.new_page()
        try:
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
            page.add_init_script(
                """window.__shifts = [];
                new PerformanceObserver((list) => { for (const entry of list.getEntries())
                  if (!entry.hadRecentInput) window.__shifts.push([entry.value,
                    entry.sources.map((s) => s.node && s.node.nodeName + "." + s.node.className)]);
                }).observe({type: "layout-shift", buffered: true});"""
            )
            page.goto(pages_site_url + path, wait_until="load")
            page.wait_for_selector("html[data-scripts-ready]", state="attached")
            page.wait_for_timeout(300)
            shifts = page.evaluate("window.__shifts")
            if shifts:
                problems.append(f"/{path}: {shifts}")
        finally:
            context.close()
    assert not problems, "layout shifts while the page starts:\n" + "\n".join(problems)
