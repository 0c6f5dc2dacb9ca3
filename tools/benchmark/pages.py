"""Which pages to measure: the nav, the built pages, and the features each page carries."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.readers.yaml_lines import load_yaml
from scripts.steps.page_html import FIRST_ROUND_TRIP_BYTES
from scripts.urls import nav_pages, page_url
from tools.benchmark.server import gzip_body
from tools.benchmark.settings import HEAVY_FEATURES, BenchmarkError, Json


def load_mkdocs_yaml(path: Path) -> Json:
    """Read mkdocs.yml, ignoring MkDocs/pymdown tags such as !ENV and !!python/name."""
    data = load_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise BenchmarkError(f"{path}:1: this is not a MkDocs configuration. Check the file.")
    return data


def page_url_path(markdown_file: str) -> str:
    """URL path of a page with MkDocs' directory URLs: `a/b.md` -> `/a/b/`, `index.md` -> `/`."""
    return "/" + page_url(markdown_file)


def built_page_paths(site_dir: Path) -> list[str]:
    """URL paths of every built HTML page (directory URLs), excluding the 404 page."""
    paths = []
    for index in site_dir.rglob("index.html"):
        relative = index.parent.relative_to(site_dir).as_posix()
        paths.append("/" if relative == "." else f"/{relative}/")
    return paths


def benchmark_pages(site_dir: Path, nav: object, limit: int | None = None) -> list[str]:
    """The home page first, then every page in nav order, then any other built page."""
    built = set(built_page_paths(site_dir))
    ordered = ["/"] + [page_url_path(path) for path in nav_pages(nav)] + sorted(built)
    pages: list[str] = []
    for path in ordered:
        if path in built and path not in pages:
            pages.append(path)
    return pages[:limit] if limit else pages


def page_features(html: str) -> list[str]:
    """Which heavier features (body map, video poster) a built page carries."""
    return [
        feature
        for feature, class_name in HEAVY_FEATURES.items()
        if re.search(rf'class="[^"]*\b{re.escape(class_name)}\b', html)
    ]


def page_html(site_dir: Path, url_path: str) -> str:
    file = site_dir / url_path.strip("/") / "index.html"
    return file.read_text(encoding="utf-8") if file.is_file() else ""


def gzipped_page_sizes(site_dir: Path) -> dict[str, int]:
    """Every built HTML page (all languages, 404 included), gzipped as the server sends it."""
    return {
        page.relative_to(site_dir).as_posix(): len(gzip_body(page.read_bytes()))
        for page in sorted(site_dir.rglob("*.html"))
    }


def over_first_round_trip(sizes: dict[str, int]) -> dict[str, int]:
    """The pages whose gzipped HTML does not fit in the first round trip."""
    return {page: size for page, size in sizes.items() if size > FIRST_ROUND_TRIP_BYTES}
