"""Printed pages show where each link goes. Links to other pages get their full web address."""

from __future__ import annotations

import re
from urllib.parse import urljoin

# Relative links only: not anchors (#), not web addresses (http:, mailto:, tel:), not site-absolute (/).
RELATIVE_LINK = re.compile(r'<a (?P<before>[^>]*?)href="(?P<href>(?![#/]|[a-zA-Z][a-zA-Z0-9+.-]*:)[^"]+)"')


def add_print_urls(page_html: str, site_url: str, page_url: str) -> str:
    """Add `data-print-url="https://…/aftercare/"` to each relative link, for the print stylesheet."""
    base = urljoin(site_url, page_url)

    def replace(match: re.Match[str]) -> str:
        if "data-print-url" in match["before"]:
            return match.group(0)
        full = urljoin(base, match["href"].replace("&amp;", "&"))
        return f'<a {match["before"]}href="{match["href"]}" data-print-url="{full}"'

    return RELATIVE_LINK.sub(replace, page_html)
