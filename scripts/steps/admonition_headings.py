"""Box titles ("Call 911 if…", "Call the clinic if…") become headings for screen readers.

Python-Markdown's admonition extension writes a box title as `<p class="admonition-title">`.
People who move through a page by its headings then skip the most important advice on it. Each
title gets `role="heading"` and the level one below the heading it sits under, so the outline
stays in order (h2 section → level 3 box). The look does not change.
"""

from __future__ import annotations

import re

_HEADING_OR_TITLE = re.compile(r'<h(?P<level>[1-6])\b|<p class="admonition-title">')
DEEPEST = 6


def title_headings(html: str) -> str:
    """Add role="heading" and aria-level to every admonition title in the page's HTML."""
    level = 1

    def replace(match: re.Match[str]) -> str:
        nonlocal level
        if match.group("level"):
            level = int(match.group("level"))
            return match.group(0)
        return f'<p class="admonition-title" role="heading" aria-level="{min(level + 1, DEEPEST)}">'

    return _HEADING_OR_TITLE.sub(replace, html)
