"""Small, safe edits to each built page's HTML (called from the hook's on_post_page and
on_post_template)."""

from __future__ import annotations

import gzip
import hashlib
import json
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

# Adds the scripts, in order, once the first paint is on screen (PerformanceObserver "paint";
# two animation frames where that cannot be observed; 3 s at the latest). Material starts on
# DOMContentLoaded, which has passed by then, so the loader announces it again one frame after
# the last script ran: the bundle's start-up and Material's set-up are two shorter tasks.
# When everything has run, <html> gets data-scripts-ready (tests wait for it).
_LOADER = (
    "(function(){var scripts=%s,material=%s,started=false;"
    "function ready(){requestAnimationFrame(function(){setTimeout(function(){"
    'if(material&&document.readyState!=="loading")'
    'document.dispatchEvent(new Event("DOMContentLoaded",{bubbles:true}));'
    'document.documentElement.setAttribute("data-scripts-ready","")},0)})}'
    "function load(){if(started)return;started=true;var pending=scripts.length;"
    "scripts.forEach(function(src){"
    'var s=document.createElement("script");s.src=src;s.async=false;'
    "s.onload=s.onerror=function(){if(--pending===0)ready()};document.body.appendChild(s)})}"
    "function afterPaint(){setTimeout(load,0)}"
    'if(performance.getEntriesByType&&performance.getEntriesByType("paint").length)afterPaint();'
    "else try{var observer=new PerformanceObserver(function(){observer.disconnect();afterPaint()});"
    'observer.observe({type:"paint",buffered:true})}'
    "catch(e){requestAnimationFrame(function(){requestAnimationFrame(load)})}"
    "setTimeout(load,3000)})();"
)


_MATERIAL_BUNDLE = re.compile(r"/bundle\.[0-9a-f]+\.min\.js(\?|$)")


def _loadable(attributes: dict[str, str], body: str) -> bool:
    """A plain external script: src, maybe defer, a classic type, nothing else."""
    return (
        "src" in attributes
        and not body.strip()
        and set(attributes) <= {"src", "defer", "type"}
        and attributes.get("type", "").strip().lower() in _CLASSIC_TYPES
    )


def load_scripts_after_first_paint(html: str) -> str:
    """Swap the plain external scripts in <body> for one inline loader that adds them after the
    first paint.

    The page's text then shows before any JavaScript is downloaded or run, even on a slow
    phone. The scripts keep their order (search-on-demand.js, Material's bundle, ours).
    Scripts in <head>, inline scripts and scripts with other attributes (async, module,
    integrity, ...) are left alone; without JavaScript nothing changes. The CSP step (run
    after this) hashes the loader.
    """
    body = html.find("<body")
    if body < 0:
        return html
    sources: list[str] = []

    def take(match: re.Match[str]) -> str:
        attributes = tag_attributes(match.group(1))
        if not _loadable(attributes, match.group(2)):
            return match.group(0)
        sources.append(attributes["src"])
        return _PLACEHOLDER

    rest = SCRIPT_ELEMENT.sub(take, html[body:])
    if not sources:
        return html
    listed = json.dumps(sources).replace("</", "<\\/")
    material = "true" if any(_MATERIAL_BUNDLE.search(src) for src in sources) else "false"
    loader = f"<script>{_LOADER % (listed, material)}</script>"
    last = rest.rfind(_PLACEHOLDER)
    rest = rest[:last] + loader + rest[last + len(_PLACEHOLDER) :]
    return html[:body] + rest.replace(_PLACEHOLDER, "")


_LOAD_START = "started=true;var pending=scripts.length;"
# Added to the loader of a page whose CSS is inlined (scripts/steps/critical_css.py): first
# the stylesheets held in <noscript id="__stylesheets">, then the scripts. They load as print
# stylesheets; once the last has arrived they apply one a task, the last first, so each one
# applied is followed by every later one: the cascade on screen is always the final one (in
# arrival order, Material's main.css overrode the inlined copy of site.css until site.css
# came: white on pale blue), and no task is long (Lighthouse counts long ones in TBT).
_HOLD = (
    'var t=document.createElement("template");'
    f't.innerHTML=document.getElementById("{HELD_STYLESHEETS_ID}").textContent;'
    "var held=[].slice.call(t.content.children),loading=held.length;pending+=held.length;"
    "function apply(i){if(i--){held[i].media=held[i].dataset.media;setTimeout(apply,0,i)}"
    "else if((pending-=held.length)===0)ready()}"
    'held.forEach(function(l){l.dataset.media=l.media||"all";l.media="print";'
    "l.onload=l.onerror=function(){if(--loading===0)apply(held.length)};"
    "document.head.appendChild(l)});"
)


def has_loader(html: str) -> bool:
    return _LOAD_START in html


def load_held_stylesheets_after_first_paint(html: str) -> str:
    """Make the page's loader add the stylesheets held in <noscript id="__stylesheets"> after
    the first paint, before its scripts (it then marks data-scripts-ready once both have
    arrived). Pages without a loader are unchanged."""
    return html.replace(_LOAD_START, _LOAD_START + _HOLD, 1)


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
