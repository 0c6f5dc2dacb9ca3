"""Material's `__config`, once per site in a cached file instead of in every page.

Material's bundle reads its settings from `<script id="__config" type="application/json">`:
the features, the search worker's address and the search's words in the page's language, the
same on every page of a language but for the two addresses, which are relative to the page.
It is only read by the bundle, which runs after the first paint, yet it cost every page about
250 gzipped bytes of its first round trip (FIRST_ROUND_TRIP_BYTES in page_html.py).

So after the pages are finished, `move_config_to_file` writes it once, with the addresses
relative to the site, into `assets/javascripts/material-config.js`, which the loader
(after-paint.js) runs first: it puts the same `__config` element back, with the addresses
made absolute, before Material's bundle runs. If the pages' settings differ in anything but
the addresses, every page keeps its own.
"""

from __future__ import annotations

import html as html_text
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CONFIG_SCRIPT = "assets/javascripts/material-config.js"
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>\n?', re.DOTALL)
_LOADER_LIST = re.compile(r'(<script src="[^"]*" data-scripts=")([^"]*)(")')
# Puts the element back, its addresses absolute (the site's root is two folders above this file).
_RESTORE = (
    "(function(c){{var r=new URL('../../',document.currentScript.src).href;"
    "c.base=r;c.search=r+c.search;var e=document.createElement('script');"
    "e.id='__config';e.type='application/json';e.textContent=JSON.stringify(c);"
    "document.body.appendChild(e)}})({config});\n"
)


def _site_prefix(page: Path, base: str, site_dir: Path, site_path: str) -> str | None:
    """How the page names the site's root (`""`, `"../"`, `"/dry-needling/"`), or None if
    its base is not this site's root (a page of a translation built inside this site)."""
    if base.startswith("/"):
        root = base.rstrip("/") + "/"
        return root if root == site_path else None
    if (page.parent / base).resolve() != site_dir.resolve():
        return None
    return "" if base in ("", ".") else base.rstrip("/") + "/"


def _site_relative(config: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    search = config.get("search")
    if not isinstance(search, str) or not search.startswith(prefix):
        return None
    # Zensical names the worker "./assets/..." on a page whose base is ".".
    return {**config, "base": "", "search": search[len(prefix) :].removeprefix("./")}


def move_config_to_file(site_dir: Path, site_url: str) -> list[Path]:
    """Move the `__config` of this site's pages into CONFIG_SCRIPT, first in each page's loader
    list (see above). Returns the pages changed (none if their settings differ)."""
    site_path = urlsplit(site_url).path or "/"
    site_path = site_path if site_path.endswith("/") else site_path + "/"
    found: list[tuple[Path, str, str]] = []
    shared: dict[str, Any] | None = None
    for page in sorted(site_dir.rglob("*.html")):
        page_html = page.read_text(encoding="utf-8")
        config_match = _CONFIG.search(page_html)
        if config_match is None or _LOADER_LIST.search(page_html) is None:
            continue
        config = json.loads(config_match.group(1))
        prefix = _site_prefix(page, str(config.get("base", "")), site_dir, site_path)
        if prefix is None:
            continue
        relative = _site_relative(config, prefix)
        if relative is None or (shared is not None and relative != shared):
            return []
        shared = relative
        found.append((page, page_html, prefix))
    if shared is None:
        return []
    text = json.dumps(shared, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    script = site_dir / CONFIG_SCRIPT
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(_RESTORE.format(config=text), encoding="utf-8")
    for page, page_html, prefix in found:
        src = html_text.escape(prefix + CONFIG_SCRIPT, quote=True)
        page_html = _CONFIG.sub("", page_html, count=1)
        listed = _LOADER_LIST.search(page_html)
        assert listed is not None  # checked above
        page_html = f"{page_html[: listed.start(2)]}{src} {page_html[listed.start(2) :]}"
        page.write_text(page_html, encoding="utf-8")
    return [page for page, _, _ in found]
