"""Fixes for HTML that Material writes outside any template block we can override.

Material's base.html puts `autocomplete="off"` on its two hidden checkbox toggles
(`__drawer`, `__search`). The HTML standard does not allow `autocomplete` on checkboxes, so the
W3C Nu checker reports an error on every page. The inputs sit outside every Jinja block, so the
only template fix would be a full copy of base.html; removing the attribute from each rendered
page is smaller and survives Material upgrades.
"""

from __future__ import annotations

import re

_CHECKBOX_INPUT = re.compile(r"<input\b[^>]*\btype=\"checkbox\"[^>]*>", re.IGNORECASE)
_AUTOCOMPLETE = re.compile(r"\s+autocomplete=\"[^\"]*\"", re.IGNORECASE)


def drop_checkbox_autocomplete(page_html: str) -> str:
    """Remove the `autocomplete` attribute from every checkbox <input>."""
    return _CHECKBOX_INPUT.sub(lambda match: _AUTOCOMPLETE.sub("", match.group(0)), page_html)
