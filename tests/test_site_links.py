"""A crawl of the built site: every internal href/src resolves, every page is reachable from the
home page, and every link that opens a new tab has rel="noopener"."""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from browser_helpers import built_pages
from test_build import load_config

URL_ATTRIBUTES = {"href", "src", "poster", "data"}
NOT_LINKED_PAGES = {"404.html"}  # served by GitHub Pages for any missing URL


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []  # (tag, url)
        self.srcsets: list[str] = []
        self.new_tab_links: list[tuple[str, str]] = []  # (href, rel)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        for name in URL_ATTRIBUTES & attributes.keys():
            if not (tag == "link" and attributes.get("rel") == "canonical"):
                self.urls.append((tag, attributes[name]))
        if "srcset" in attributes:
            self.urls.extend(
                (tag, part.split()[0]) for part in attributes["srcset"].split(",") if part.strip()
            )
        if attributes.get("target") == "_blank":
            self.new_tab_links.append((attributes.get("href", ""), attributes.get("rel", "")))


def page_file(site: Path, path: str) -> Path:
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def local_target(site: Path, page_url: str, url: str, site_url: str) -> Path | None:
    """The file a same-site URL points at, or None for other sites, mailto:, tel:, data: etc."""
    absolute = urljoin(page_url, url)
    parsed = urlparse(absolute)
    site_parsed = urlparse(site_url)
    if (parsed.scheme, parsed.netloc) != (site_parsed.scheme, site_parsed.netloc):
        return None
    if not parsed.path.startswith(site_parsed.path):
        return site / f"(outside {site_parsed.path})" / parsed.path.lstrip("/")
    relative = unquote(parsed.path[len(site_parsed.path) :]).lstrip("/")
    target = site / relative
    return (
        target / "index.html"
        if relative == "" or relative.endswith("/") or target.is_dir()
        else target
    )


def crawl(site: Path) -> tuple[list[str], list[str], set[Path]]:
    """Broken internal URLs, new-tab links without noopener, and the pages reached from home."""
    site_url = str(load_config()["site_url"]).rstrip("/") + "/"
    broken: list[str] = []
    unsafe_new_tabs: list[str] = []
    links: dict[Path, set[Path]] = {}
    for path in built_pages(site):
        source = page_file(site, path)
        collector = _LinkCollector()
        collector.feed(source.read_text(encoding="utf-8"))
        page_url = urljoin(site_url, path)
        links[source] = set()
        for tag, url in collector.urls:
            target = local_target(site, page_url, url.strip(), site_url)
            if target is None:
                continue
            if not target.is_file():
                missing = target.relative_to(site).as_posix()
                broken.append(
                    f"/{path}: <{tag}> {url} -> {missing} does not exist in the built site"
                )
            elif tag == "a" and target.suffix == ".html":
                links[source].add(target)
        for href, rel in collector.new_tab_links:
            if "noopener" not in rel.split():
                unsafe_new_tabs.append(
                    f'/{path}: target="_blank" link to {href} has rel="{rel}", needs "noopener"'
                )
    home = site / "index.html"
    reached = {home}
    queue = deque([home])
    while queue:
        for target in links.get(queue.popleft(), set()) - reached:
            reached.add(target)
            queue.append(target)
    return broken, unsafe_new_tabs, reached


def test_every_internal_link_and_asset_resolves(built_site: Path) -> None:
    broken, _, _ = crawl(built_site)
    assert not broken, "\n".join(broken)


def test_every_page_is_reachable_from_the_home_page(built_site: Path) -> None:
    _, _, reached = crawl(built_site)
    pages = {page_file(built_site, path) for path in built_pages(built_site)}
    unreachable = sorted(
        str(page.relative_to(built_site))
        for page in pages - reached
        if page.name not in NOT_LINKED_PAGES
    )
    assert len(pages) > 1, "the built site has no pages besides the home page"
    assert not unreachable, f"pages no link leads to from the home page: {unreachable}"


def test_links_that_open_a_new_tab_have_noopener(built_site: Path) -> None:
    _, unsafe_new_tabs, _ = crawl(built_site)
    assert not unsafe_new_tabs, "\n".join(unsafe_new_tabs)
