"""Fixes for HTML that Material writes outside any template block we can override.

Material's base.html also writes `<link rel="prev">` and `<link rel="next">` into the head of
every page (inside its large `site_meta` block). Firefox downloads the whole next page for
every `rel="next"` it sees (about 25 KB a view, on a patient's phone plan), and no browser
uses `prev`. The footer's Previous/Next links stay.

Material's base.html puts `autocomplete="off"` on its two hidden checkbox toggles
(`__drawer`, `__search`). The HTML standard does not allow `autocomplete` on checkboxes, so the
W3C Nu checker reports an error on every page. The inputs sit outside every Jinja block, so the
only template fix would be a full copy of base.html; removing the attribute from each rendered
page is smaller and survives Material upgrades.
"""

from __future__ import annotations

import re

from scripts.readers.html_attributes import tag_attributes

_INPUT = re.compile(r"<input\b(?P<attrs>[^>]*)>", re.IGNORECASE)
_AUTOCOMPLETE = re.compile(r"\s+autocomplete=\"[^\"]*\"", re.IGNORECASE)


def drop_checkbox_autocomplete(page_html: str) -> str:
    """Remove the `autocomplete` attribute from every checkbox <input>."""

    def fix(match: re.Match[str]) -> str:
        is_checkbox = tag_attributes(match["attrs"]).get("type", "").lower() == "checkbox"
        return _AUTOCOMPLETE.sub("", match.group(0)) if is_checkbox else match.group(0)

    return _INPUT.sub(fix, page_html)


_PREV_NEXT_LINK = re.compile(r'<link rel="(?:prev|next)" href="[^"]*">\n?')


def drop_prev_next_links(page_html: str) -> str:
    """Remove Material's `<link rel="prev">` and `<link rel="next">` from the page's head."""
    head_end = page_html.find("</head>")
    if head_end < 0:
        return page_html
    return _PREV_NEXT_LINK.sub("", page_html[:head_end]) + page_html[head_end:]
