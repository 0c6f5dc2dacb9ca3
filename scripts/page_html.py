"""Small, safe edits to each built page's HTML (called from the hook's on_post_page)."""

from __future__ import annotations

import re

# Material's one JavaScript bundle, e.g. assets/javascripts/bundle.a5f9d56c.min.js
_MATERIAL_BUNDLE = re.compile(
    r"<script\b[^>]*\bsrc=\"[^\"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js\"[^>]*>"
)
_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")


def _attribute_names(attributes: str) -> set[str]:
    """Attribute names of a tag, ignoring anything inside quoted values."""
    bare = _QUOTED.sub('""', attributes)
    return {name.lower() for name in re.findall(r"([\w:-]+)\s*(?:=|\s|$)", bare)}


def defer_scripts_from_bundle(html: str) -> str:
    """Add `defer` to Material's bundle and every external script after it.

    Material puts its bundle at the end of <body> without `defer`, so the first paint waits
    for 35 KiB of JavaScript. Material is progressive enhancement: it starts on
    DOMContentLoaded, which deferred scripts run before. The scripts after the bundle
    (`extra_javascript`) are deferred too, so they still run after it, in order. Inline
    scripts and scripts before the bundle are left alone.
    """
    bundle = _MATERIAL_BUNDLE.search(html)
    if bundle is None:
        return html

    def add_defer(match: re.Match[str]) -> str:
        attributes = match.group(1)
        names = _attribute_names(attributes)
        is_module = re.search(r"\btype=[\"']module[\"']", attributes) is not None
        if "src" not in names or names & {"defer", "async"} or is_module:
            return match.group(0)
        return f"<script{attributes.rstrip()} defer>"

    return html[: bundle.start()] + _SCRIPT_TAG.sub(add_defer, html[bundle.start() :])
