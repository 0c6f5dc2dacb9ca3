"""Page addresses, as the site uses them (directory URLs: `aftercare.md` is `aftercare/`)."""

from __future__ import annotations

import posixpath
import re

MD_TARGET = re.compile(r"^(?P<path>[^#?:]*?\.md)(?P<rest>[#?].*)?$")


def nav_pages(nav: object) -> list[str]:
    """Every Markdown file named in a nav setting, in order, at any depth."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, list):
        return [path for item in nav for path in nav_pages(item)]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in nav_pages(value)]
    return []


def page_url(src_uri: str) -> str:
    """`aftercare.md` -> `aftercare/`, `index.md` -> `` (directory URLs, as the site uses)."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def md_link_url(href: str) -> str:
    """A relative link to a page file as its address: `safety.md#risks` -> `safety/#risks`.

    `../index.md` -> `../`. Other links are returned as they are."""
    match = MD_TARGET.match(href)
    if not match:
        return href
    folder, name = posixpath.split(match["path"])
    url = page_url(name)
    return (f"{folder}/" if folder else "") + url + (match["rest"] or "") or "./"


def relative_url(target: str, from_url: str) -> str:
    """`handout/x.pdf` as a link from the page at `aftercare/` -> `../handout/x.pdf`.

    Folder addresses keep their closing slash; a link to the same folder is `./`."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    relative = posixpath.relpath(target or ".", base or ".")
    if relative == ".":
        return "./"
    return relative + "/" if not target or target.endswith("/") else relative
