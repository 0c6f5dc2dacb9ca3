"""Reading order without CSS or JavaScript: the page's title and text come first.

A text browser (`w3m`, `lynx`) or a screen reader reading the HTML as it is sees every element
in source order, and honours no CSS, no `hidden`, no `aria-hidden` (measured in w3m 0.5.3: all
of them are shown; only `<script>`, `<style>` and comments are not). Material writes, before the
title, its two hidden checkboxes, the colour switch, the search box ("Initializing search"), the
site name and page title in the header, the whole menu and the table of contents: about 50 lines.

So each page is finished in three small ways, none of which changes what a browser with
JavaScript shows or the order Tab takes there:

- **Controls that only work with JavaScript** (the search checkbox, button and dialog, the colour
  switch; Material already hides search without JavaScript) are written as a data block, a
  `<script type="text/html" data-js-only>` that no browser runs or shows, followed by one short
  inline script that puts the markup back in its place as the page is read, before the first
  paint. Without JavaScript they are simply not there (the colour switch's radios were invisible,
  useless Tab stops).
- **The menu and the table of contents** follow the page's text in the HTML (with the menu's
  checkbox), and an inline script right after them puts them back before the text, where
  Material has them, as soon as they are read. CSS `order` shows them in the same place either
  way (`site.css`), so the page never moves; without JavaScript, Tab reaches the page's text
  before the menu on a wide screen, as a text browser reads it.
- **The header's site name and page title** (and Zensical's hidden name for the menu button)
  become `data-md-text` attributes that `site.css`
  shows (`content: attr(data-md-text)`); screen readers read CSS text, text browsers do not, so
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
# Puts the menu and table of contents back before the page's text, and the menu's checkbox back
# at the top of <body>, as Material writes them (its CSS uses `checkbox:checked ~ ...`).
RESTORE_NAVIGATION = (
    '(function(){var c=document.querySelector(".md-main__inner>.md-content");if(!c)return;'
    'document.querySelectorAll(".md-main__inner>.md-sidebar").forEach(function(s){c.before(s)});'
    'var t=document.getElementById("__drawer");if(t)document.body.prepend(t)})()'
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


# Material's JavaScript-only controls, found by the hooks Material's own code uses.
_JS_ONLY = (
    r'<input\b[^>]*data-md-toggle="search"[^>]*>',
    r'<label class="md-header__button md-icon" for="__search">',
    r'<div class="md-search"[^>]*data-md-component="search"',
    r"<div\b[^>]*data-palette-toggle\b",
)


def js_only_controls(html: str) -> str:
    """Write each JavaScript-only control as a data block and the script that restores it."""
    for pattern in _JS_ONLY:
        span = _find(html, pattern)
        if span is None:
            continue
        start, end = span
        markup = html[start:end]
        block = (
            f'<script type="{JS_ONLY_TYPE}" data-js-only>{markup}</script>'
            f"<script>{RESTORE_JS_ONLY}</script>"
        )
        html = html[:start] + block + html[end:]
    return html


def navigation_after_text(html: str) -> str:
    """Move the sidebars and the menu's checkbox after the page's text, with the script that
    moves them back."""
    content = _find(html, r'<div class="md-content"')
    primary = _find(html, r'<div class="md-sidebar md-sidebar--primary"')
    toggle = _find(html, r'<input\b[^>]*data-md-toggle="drawer"[^>]*>')
    if content is None or primary is None or toggle is None or primary[0] > content[0]:
        return html
    secondary = _find(html, r'<div class="md-sidebar md-sidebar--secondary"', primary[1])
    sidebars_end = secondary[1] if secondary and secondary[0] < content[0] else primary[1]
    sidebars = html[primary[0] : sidebars_end]
    moved = f"{sidebars}{html[toggle[0] : toggle[1]]}<script>{RESTORE_NAVIGATION}</script>"
    html = html[: primary[0]] + html[sidebars_end : content[1]] + moved + html[content[1] :]
    return html[: toggle[0]] + html[toggle[1] :]


_HEADER_TOPIC = re.compile(
    r'(<div class="md-header__topic"[^>]*>\s*<span class="md-ellipsis")>([^<]*)(</span>)'
)


# Zensical names the menu button with hidden text inside it.
_MENU_NAME = re.compile(
    r'(<label class="md-header__button md-icon" for="__drawer">(?:(?!</label>).)*?'
    r'<span class="md-visually-hidden")>([^<]*)(</span>)',
    re.DOTALL,
)


def header_title_as_css_text(html: str) -> str:
    """The header's site name and page title (and Zensical's hidden menu button name), shown by
    CSS from a `data-md-text` attribute."""

    def move(match: re.Match[str]) -> str:
        text = match.group(2).strip().replace('"', "&quot;")
        return f'{match.group(1)} data-md-text="{text}">{match.group(3)}'

    return _MENU_NAME.sub(move, _HEADER_TOPIC.sub(move, html), count=1)


def text_first(html: str) -> str:
    """All three: what a reader without CSS or JavaScript meets first is the page's title."""
    return header_title_as_css_text(navigation_after_text(js_only_controls(html)))
