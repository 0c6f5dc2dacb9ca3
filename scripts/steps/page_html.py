"""Small, safe edits to each built page's HTML (called from the hook's on_post_page and
on_post_template)."""

from __future__ import annotations

import gzip
import hashlib
import html as html_text
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from scripts.problems import Problem
from scripts.readers.html_attributes import tag_attributes
from scripts.steps.csp import SCRIPT_ELEMENT, runs_inline
from scripts.steps.minify import minify_text

# GitHub Pages gzips HTML (level 6, as tools/benchmark/server.py does). A new connection's first
# round trip carries 10 TCP segments (initial congestion window, RFC 6928) of about 1,460
# bytes: about 14 KB. A page whose gzipped HTML fits arrives in one round trip; at 14.3 KB
# the Referred pain page's first paint went from 1.05 s to 1.21 s. tests/test_page_html.py
# holds every built page (both languages) to it; the first screen's CSS is inlined only where
# it fits (scripts/steps/critical_css.py).
PAGES_GZIP_LEVEL = 6
FIRST_ROUND_TRIP_BYTES = 14 * 1024


def gzipped(raw: bytes) -> bytes:
    """The bytes as GitHub Pages sends them with `Content-Encoding: gzip`."""
    return gzip.compress(raw, compresslevel=PAGES_GZIP_LEVEL, mtime=0)


# The gzipped size of each HTML text measured in this process, by its SHA-256: the critical-CSS
# step measures each inlined page, and the size check measures the same bytes again once the
# page is written (a hash costs about a thirtieth of compressing).
_GZIPPED_SIZES: dict[bytes, int] = {}


def gzipped_size(raw: bytes) -> int:
    """len(gzipped(raw)), measured once per distinct text."""
    digest = hashlib.sha256(raw).digest()
    if digest not in _GZIPPED_SIZES:
        _GZIPPED_SIZES[digest] = len(gzipped(raw))
    return _GZIPPED_SIZES[digest]


def over_first_round_trip_problems(site_dir: Path, sources: Mapping[str, str]) -> list[Problem]:
    """A problem for each built page whose gzipped HTML does not fit in the first round trip.

    `sources` maps a page's HTML file (relative to `site_dir`, e.g. `safety/index.html`) to its
    Markdown file as staff see it (`docs/safety.md`). Run after the CSS is inlined: it counts.
    """
    problems = []
    for html_file, markdown in sorted(sources.items()):
        page = site_dir / html_file
        if not page.is_file():
            continue
        over = gzipped_size(page.read_bytes()) - FIRST_ROUND_TRIP_BYTES
        if over > 0:
            problems.append(
                Problem(
                    markdown,
                    1,
                    f"this page is {over:,} bytes over the 14 KB first round trip (its HTML, "
                    f"gzipped, must fit in {FIRST_ROUND_TRIP_BYTES:,} bytes to show quickly on "
                    "a slow phone); shorten it or split it into two pages",
                )
            )
    return problems


HELD_STYLESHEETS_ID = "__stylesheets"
_CLASSIC_TYPES = frozenset({"", "text/javascript", "application/javascript"})
_PLACEHOLDER = "\0script\0"
# The script loader, docs/assets/javascripts/after-paint.js: main.html writes its tag with this
# attribute; the build lists the page's scripts in its data-scripts. It adds them, in order,
# once the first paint is on screen (and first the stylesheets held in <noscript
# id="__stylesheets">, on a page whose CSS is inlined). A file, not an inline script: the same
# on every page, so downloaded once, not in every page's first round trip (an inline loader
# cost about 470 gzipped bytes a page, 700 with the held stylesheets, and a CSP hash).
LOADER_MARK = "data-after-paint"
_LOADER_LISTS = ' data-scripts="'
_MATERIAL_BUNDLE = re.compile(r"/bundle\.[0-9a-f]+\.min\.js(\?|$)")


def _loadable(attributes: dict[str, str], body: str) -> bool:
    """A plain external script: src, maybe defer, a classic type, nothing else."""
    return (
        "src" in attributes
        and not body.strip()
        and set(attributes) <= {"src", "defer", "type"}
        and attributes.get("type", "").strip().lower() in _CLASSIC_TYPES
    )


def _attribute(value: str) -> str:
    return html_text.escape(value, quote=True)


def load_scripts_after_first_paint(html: str) -> str:
    """Swap the plain external scripts in <body> for the loader (`LOADER_MARK`), which adds
    them after the first paint.

    The page's text then shows before any of them is downloaded or run, even on a slow phone.
    The scripts keep their order (search-on-demand.js, Material's bundle, ours) in the loader's
    data-scripts; data-material tells it to announce DOMContentLoaded again for Material's
    bundle. Scripts in <head>, inline scripts and scripts with other attributes (async, module,
    integrity, ...) are left alone; without JavaScript nothing changes. A page without the
    loader's tag is left as it is; a loader with nothing to load is dropped.
    """
    body = html.find("<body")
    if body < 0:
        return html
    sources: list[str] = []
    loaders: list[str] = []

    def take(match: re.Match[str]) -> str:
        attributes = tag_attributes(match.group(1))
        if LOADER_MARK in attributes and "src" in attributes:
            loaders.append(attributes["src"])
            return ""
        if not _loadable(attributes, match.group(2)):
            return match.group(0)
        sources.append(attributes["src"])
        return _PLACEHOLDER

    rest = SCRIPT_ELEMENT.sub(take, html[body:])
    if not loaders:
        return html
    if not sources:
        return html[:body] + rest
    listed = " ".join(src.replace(" ", "%20") for src in sources)
    material = " data-material" if any(_MATERIAL_BUNDLE.search(src) for src in sources) else ""
    loader = (
        f'<script src="{_attribute(loaders[0])}"{_LOADER_LISTS}{_attribute(listed)}"'
        f"{material} defer></script>"
    )
    last = rest.rfind(_PLACEHOLDER)
    rest = rest[:last] + loader + rest[last + len(_PLACEHOLDER) :]
    return html[:body] + rest.replace(_PLACEHOLDER, "")


def has_loader(html: str) -> bool:
    """Whether the page has the script loader (which also adds held stylesheets)."""
    return _LOADER_LISTS in html


def minify_inline_scripts(html: str) -> str:
    """Minify each inline script the browser runs (the ones the CSP hashes; templates keep
    theirs readable, with comments). JSON and other data blocks are left as they are."""

    def minify(match: re.Match[str]) -> str:
        if not runs_inline(tag_attributes(match.group(1))):
            return match.group(0)
        return f"<script{match.group(1)}>{minify_text(match.group(2), '.js').strip()}</script>"

    return SCRIPT_ELEMENT.sub(minify, html)


# Elements whose whitespace can show (white-space: pre-wrap) or matter (scripts).
_KEEP_WHITESPACE = re.compile(
    r"(<(pre|textarea|code|kbd|script|style)\b.*?</\2>)", re.IGNORECASE | re.DOTALL
)
_INDENTED_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _outside_kept_elements(html: str, edit: Callable[[str], str]) -> str:
    """Apply edit to the HTML outside pre, textarea, code, kbd, script and style."""
    parts = _KEEP_WHITESPACE.split(html)
    # split() returns: text, whole kept element, its tag name, text, ...
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(edit(part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


def trim_indentation(html: str) -> str:
    """Drop template indentation and blank lines (every run still keeps one newline, so the
    page renders the same); pre, textarea, code, kbd, script and style are left as they are."""
    return _outside_kept_elements(html, lambda text: _INDENTED_LINES.sub("\n", text))


def drop_comments(html: str) -> str:
    """Drop HTML comments (notes for staff in Markdown and snippets; patients never see
    them, but every phone downloads them)."""
    return _outside_kept_elements(html, lambda text: _COMMENT.sub("", text))
