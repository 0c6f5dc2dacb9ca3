"""Fixes for HTML that Material writes outside any template block we can override.

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
