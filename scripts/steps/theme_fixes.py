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

import json
import re
from pathlib import Path

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


# Material's `__config` carries the words of features this site does not use: the copy button of
# code blocks (`content.code.copy` is off) and the version selector (no `extra.version`). Every
# byte is on every page, and a long page has few left in its first round trip.
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
UNUSED_TRANSLATIONS = ("clipboard.copied", "clipboard.copy", "select.version")


def drop_unused_translations(page_html: str) -> str:
    """Material's `__config` without the words of features that are off (see above)."""

    def prune(match: re.Match[str]) -> str:
        config = json.loads(match[2])
        words = config.get("translations") or {}
        if "content.code.copy" in (config.get("features") or []) or config.get("version"):
            return match[0]
        for key in UNUSED_TRANSLATIONS:
            words.pop(key, None)
        text = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
        return match[1] + text.replace("</", "<\\/") + match[3]

    return _CONFIG.sub(prune, page_html, count=1)


# Material's bundle fetches `sitemap.xml` next to every `<link rel="alternate">` of a page, on
# every page view, to resolve its own language selector (its `extra.alternate` links name each
# language's home page). Our hreflang links name the same page in each language, so it fetched
# `safety/sitemap.xml` and `es/safety/sitemap.xml` (404s) on every view. The language switch
# links straight to the right page, so the bundle is told to skip links with `hreflang`.
ALTERNATE_QUERY = re.compile(r'(\b\w+)\("link\[rel=alternate\]"\)')


def skip_alternate_sitemaps(script: str) -> str:
    """Material's bundle without the sitemap fetches for hreflang links (see above)."""
    return ALTERNATE_QUERY.sub(r'\1("link[rel=alternate]:not([hreflang])")', script)


def fix_theme_scripts(site_dir: Path) -> list[Path]:
    """Apply `skip_alternate_sitemaps` to the theme's bundle in a built site; the files changed."""
    changed = []
    for bundle in sorted((site_dir / "assets" / "javascripts").glob("bundle*.js")):
        text = bundle.read_text(encoding="utf-8")
        fixed = skip_alternate_sitemaps(text)
        if fixed != text:
            bundle.write_text(fixed, encoding="utf-8")
            changed.append(bundle)
    return changed
