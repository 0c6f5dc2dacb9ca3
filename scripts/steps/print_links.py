"""Printed pages show where links go. Links to other pages get their full web address."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from scripts.readers.html_attributes import tag_attributes
from scripts.urls import md_link_url

LINK_TAG = re.compile(r"<a(?P<attrs>\s[^>]*)>")
HREF = re.compile(r'\shref="[^"]*"')  # where data-print-url goes: right after href
# Only relative links: not anchors (#), site-absolute paths (/) or web addresses (http:, mailto:, tel:).
NOT_RELATIVE = re.compile(r"^(?:#|/|[a-zA-Z][a-zA-Z0-9+.-]*:)")


def add_print_urls(page_html: str, site_url: str, page_url: str) -> str:
    """Add `data-print-url="https://…/aftercare/"` to each relative link, for the print stylesheet.

    `page_url` is where the links count from. A link still to a page file (`safety.md`, before
    Zensical rewrites it) gets that page's address."""
    base = urljoin(site_url, page_url)

    def replace(match: re.Match[str]) -> str:
        tag = match.group(0)
        attributes = tag_attributes(match["attrs"])
        target = attributes.get("href", "")
        position = HREF.search(tag)
        if (
            not position
            or "data-print-url" in attributes
            or not target
            or NOT_RELATIVE.match(target)
        ):
            return tag
        full = urljoin(base, md_link_url(target)).replace("&", "&amp;").replace('"', "&quot;")
        return f'{tag[: position.end()]} data-print-url="{full}"{tag[position.end() :]}'

    return LINK_TAG.sub(replace, page_html)
