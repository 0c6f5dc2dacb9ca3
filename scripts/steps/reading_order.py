"""Reading order without CSS or JavaScript: the page's title and text come first.

A text browser (`w3m`, `lynx`) or a screen reader reading the HTML as it is sees every element
in source order, and honours no CSS, no `hidden`, no `aria-hidden`, no `<noscript>` and no
`<template>` (measured in w3m 0.5.3: it shows them all; only `<script>`, `<style>` and comments
are left out). Before the title, Material writes its hidden checkboxes, the colour switch, the
search box ("Initializing search"), the site name and page title in the header, the whole menu
(with this page's contents again) and the table of contents: about 50 lines.

So each page is finished in two small ways, neither of which changes what a browser with
JavaScript shows, or the order Tab takes there:

- **Material's chrome that needs JavaScript** (the search checkbox, button and dialog, the
  colour switch, the menu button with its checkbox and overlay, the menu and the table of
  contents) is written as a data block, `<script type="text/html" data-js-only>`, that no
  browser runs or shows, followed by one short inline script (the same on every page and for
  every block, so one CSP hash) that puts the markup back in its place as the page is read,
  before the first paint. Material already hides search without JavaScript; the colour switch's
  radios were invisible, useless Tab stops there. Without JavaScript a reader moves through
  the site by the links in the text, the home page's task links and the footer's Previous and
  Next. (Moving the menu after the text instead, and back with a script, kept it for them, but
  on the Referred pain page the menu then compresses about 360 bytes worse, far from the
  header it repeats: past the first round trip, FIRST_ROUND_TRIP_BYTES on the performance
  branch.)
- **The header's site name and page title** become `data-md-text` attributes that `site.css`
  shows (`content: attr(data-md-text)`): screen readers read CSS text, text browsers do not, so
  the page title is not read twice.
"""

from __future__ import annotations

import re

JS_ONLY_TYPE = "text/html"
# One inline script, the same on every page and for every block (so one CSP hash): it parses the
# data block just before it into elements in the same place.
RESTORE_JS_ONLY = (
    "(function(s){var d=s.previousElementSibling;"
    'd.insertAdjacentHTML("beforebegin",d.textContent);d.remove()})(document.currentScript)'
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>")
_VOID = frozenset({"input", "img", "br", "hr", "meta", "link", "source", "wbr"})


def element_span(html: str, start: int) -> tuple[int, int]:
    """The (start, end) offsets of the element whose start tag begins at `start`."""
    first = _TAG.match(html, start)
    if first is None or first.group(1):
        raise ValueError(f"no start tag at offset {start}")
    name = first.group(2).lower()
    if name in _VOID:
        return start, first.end()
    depth = 0
    for tag in _TAG.finditer(html, start):
        if tag.group(2).lower() != name:
            continue
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return start, tag.end()
    raise ValueError(f"<{name}> at offset {start} is never closed")


def _find(html: str, pattern: str, start: int = 0) -> tuple[int, int] | None:
    match = re.compile(pattern).search(html, start)
    return element_span(html, match.start()) if match else None


# Material's chrome that needs JavaScript, found by the hooks Material's own code uses.
_JS_ONLY = (
    r'<input\b[^>]*data-md-toggle="drawer"[^>]*>',
    r'<input\b[^>]*data-md-toggle="search"[^>]*>',
    r'<label class="md-overlay" for="__drawer"',
    r'<label class="md-header__button md-icon" for="__drawer">',
    r"<div\b[^>]*data-palette-toggle\b",
    r'<label class="md-header__button md-icon" for="__search">',
    r'<div class="md-search"[^>]*data-md-component="search"',
    r'<div class="md-sidebar md-sidebar--primary"',
    r'<div class="md-sidebar md-sidebar--secondary"',
)


def js_only_controls(html: str) -> str:
    """Write each piece of JavaScript-only chrome as a data block and the script that restores
    it in place."""
    for pattern in _JS_ONLY:
        span = _find(html, pattern)
        if span is None:
            continue
        start, end = span
        markup = html[start:end]
        if "</script" in markup.lower():  # cannot sit in a data block; never so in Material 9.8
            continue
        block = (
            f'<script type="{JS_ONLY_TYPE}" data-js-only>{markup}</script>'
            f"<script>{RESTORE_JS_ONLY}</script>"
        )
        html = html[:start] + block + html[end:]
    return html


_JS_ONLY_BLOCK = re.compile(
    r'<script type="text/html" data-js-only>(.*?)</script><script>'
    + re.escape(RESTORE_JS_ONLY)
    + r"</script>",
    re.DOTALL,
)


def as_restored(html: str) -> str:
    """The page as a browser with JavaScript has it once each data block is back in place (what
    the first screen's CSS must style, scripts/steps/critical_css.py)."""
    return _JS_ONLY_BLOCK.sub(lambda match: match[1], html)


_HEADER_TOPIC = re.compile(
    r'(<div class="md-header__topic"[^>]*>\s*<span class="md-ellipsis")>([^<]*)(</span>)'
)


def header_title_as_css_text(html: str) -> str:
    """The header's site name and page title, shown by CSS from a `data-md-text` attribute."""

    def move(match: re.Match[str]) -> str:
        text = match.group(2).strip().replace('"', "&quot;")
        return f'{match.group(1)} data-md-text="{text}">{match.group(3)}'

    return _HEADER_TOPIC.sub(move, html)


def text_first(html: str) -> str:
    """Both: what a reader without CSS or JavaScript meets first is the page's title."""
    return header_title_as_css_text(js_only_controls(html))
