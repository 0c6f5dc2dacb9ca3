"""A strict Content-Security-Policy for a static site that cannot send headers.

GitHub Pages sends no custom response headers, so after the build every HTML page gets
`<meta http-equiv="Content-Security-Policy">` (and a referrer policy) as the first thing in
`<head>` after `<meta charset>`. Inline scripts are allowed one by one by their sha256 hash,
computed from that page's own HTML (Material's inline scripts differ with page depth).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

from scripts.readers.html_attributes import tag_attributes

CSP_META_NAME = "Content-Security-Policy"
REFERRER_POLICY = "strict-origin-when-cross-origin"

# Script `type` values a browser executes. Anything else (application/json, ld+json) is a data
# block: never run, never checked by CSP, so it needs no hash and gets none.
EXECUTABLE_SCRIPT_TYPES = frozenset(
    {
        "",
        "module",
        "text/javascript",
        "application/javascript",
        "application/ecmascript",
        "text/ecmascript",
    }
)

# Fixed directives. `script-src` and `style-src` are added per page. Not here, because a <meta> policy ignores
# them: frame-ancestors, report-uri/report-to, sandbox (see README "Privacy and security").
BASE_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),
    ("frame-src", "https://www.youtube-nocookie.com"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),
)

# A <style> element (the first screen's CSS, scripts/steps/critical_css.py): group 1 its text.
STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
# A <script> element: group 1 its attributes, group 2 its text.
SCRIPT_ELEMENT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_CHARSET_META = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
_HEAD_OPEN = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_OLD_SECURITY_META = re.compile(
    r"<meta\s+(?:http-equiv=\"Content-Security-Policy\"|name=\"referrer\")[^>]*>", re.IGNORECASE
)


def runs_inline(attributes: dict[str, str]) -> bool:
    """Whether a <script> with these attributes is inline code a browser executes (no `src`,
    not a data block such as JSON-LD)."""
    return (
        "src" not in attributes
        and attributes.get("type", "").strip().lower() in EXECUTABLE_SCRIPT_TYPES
    )


def inline_scripts(page_html: str) -> list[str]:
    """The exact text of each inline script a browser would execute."""
    return [
        match.group(2)
        for match in SCRIPT_ELEMENT.finditer(page_html)
        if runs_inline(tag_attributes(match.group(1)))
    ]


def script_hash(script_text: str) -> str:
    """The CSP source expression for one inline script (or style), e.g. `'sha256-abc...='`."""
    digest = hashlib.sha256(script_text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_styles(page_html: str) -> list[str]:
    """The exact text of each <style> element (never a style="" attribute: those stay blocked)."""
    return [match.group(1) for match in STYLE_ELEMENT.finditer(page_html)]


def policy(script_hashes: list[str], style_hashes: list[str] | None = None) -> str:
    """The whole policy: fixed directives plus `style-src 'self'` and `script-src 'self'`, each
    with the given hashes."""
    directives = [*BASE_DIRECTIVES]
    directives.insert(1, ("style-src", " ".join(["'self'", *dict.fromkeys(style_hashes or [])])))
    directives.append(("script-src", " ".join(["'self'", *dict.fromkeys(script_hashes)])))
    return "; ".join(f"{name} {value}" for name, value in directives)


def parse_policy(policy_text: str) -> dict[str, list[str]]:
    """`"a x y; b z"` -> `{"a": ["x", "y"], "b": ["z"]}`."""
    directives: dict[str, list[str]] = {}
    for part in policy_text.split(";"):
        tokens = part.split()
        if tokens:
            directives[tokens[0].lower()] = tokens[1:]
    return directives


def security_meta(page_html: str) -> str:
    """The two <meta> elements for this page."""
    hashes = [script_hash(script) for script in inline_scripts(page_html)]
    styles = [script_hash(style) for style in inline_styles(page_html)]
    content = html.escape(policy(hashes, styles), quote=False)
    return (
        f'<meta http-equiv="{CSP_META_NAME}" content="{content}">\n'
        f'<meta name="referrer" content="{REFERRER_POLICY}">'
    )


def without_security_meta(page_html: str) -> str:
    """The page without an earlier CSP or referrer <meta>, and the white space before each.

    The same as removing `\\s*<meta ...>`, but found by its tag: a pattern that starts with
    `\\s*` is tried at every offset of the page (3 ms a page of the site grown 20 times)."""
    parts, last = [], 0
    for match in _OLD_SECURITY_META.finditer(page_html):
        start = match.start()
        while start > last and page_html[start - 1].isspace():
            start -= 1
        parts.append(page_html[last:start])
        last = match.end()
    return "".join(parts) + page_html[last:] if parts else page_html


def add_security_meta(page_html: str) -> str:
    """Insert the CSP and referrer <meta> right after <meta charset> (replacing any earlier copy).

    The CSP must come before any script or stylesheet, or those would load unchecked.
    """
    page_html = without_security_meta(page_html)
    anchor = _CHARSET_META.search(page_html) or _HEAD_OPEN.search(page_html)
    if anchor is None:
        return page_html
    insert_at = anchor.end()
    return f"{page_html[:insert_at]}\n{security_meta(page_html)}{page_html[insert_at:]}"
