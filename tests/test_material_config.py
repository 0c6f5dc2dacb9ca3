"""Material's __config once per site (scripts/steps/material_config.py)."""

from __future__ import annotations

import json
from pathlib import Path

from scripts.steps.material_config import CONFIG_SCRIPT, move_config_to_file
from scripts.steps.page_html import LOADER_MARK, load_scripts_after_first_paint

WORDS = {"search.result.none": "No se encontraron documentos"}


def _page(base: str, search: str, words: dict[str, str] = WORDS) -> str:
    config = {"base": base, "features": ["toc.follow"], "search": search, "translations": words}
    return load_scripts_after_first_paint(
        "<html><body><p>Text</p>"
        f'<script id="__config" type="application/json">{json.dumps(config)}</script>\n'
        f'<script src="{base}/after-paint.js" {LOADER_MARK}></script>'
        f'<script src="{base}/assets/bundle.js"></script></body></html>'
    )


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_config_moves_to_one_file_first_in_each_loader(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": _page(".", "./assets/workers/search.js"),  # as Zensical names it
            "faq/index.html": _page("..", "../assets/workers/search.js"),
            "404.html": _page("/site", "/site/assets/workers/search.js"),
        },
    )
    changed = move_config_to_file(site, "https://example.org/site/")
    assert sorted(page.relative_to(site).as_posix() for page in changed) == [
        "404.html",
        "faq/index.html",
        "index.html",
    ]
    script = (site / CONFIG_SCRIPT).read_text(encoding="utf-8")
    assert '"search":"assets/workers/search.js"' in script and '"base":""' in script
    assert "No se encontraron documentos" in script  # the words stay in the page's language
    faq = (site / "faq/index.html").read_text(encoding="utf-8")
    assert "__config" not in faq
    assert f'data-scripts="../{CONFIG_SCRIPT} ../assets/bundle.js"' in faq
    assert f'data-scripts="/site/{CONFIG_SCRIPT} ' in (site / "404.html").read_text()
    assert f'data-scripts="{CONFIG_SCRIPT} ' in (site / "index.html").read_text()


def test_pages_with_different_settings_keep_their_own(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": _page(".", "assets/workers/search.js"),
            "faq/index.html": _page("..", "../assets/workers/search.js", {"other": "words"}),
        },
    )
    before = {page: page.read_text() for page in site.rglob("*.html")}
    assert move_config_to_file(site, "https://example.org/site/") == []
    assert {page: page.read_text() for page in site.rglob("*.html")} == before
    assert not (site / CONFIG_SCRIPT).exists()


def test_a_translation_built_inside_the_site_is_left_to_its_own_build(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": _page(".", "assets/workers/search.js"),
            "es/index.html": _page(".", "assets/workers/search.js", {"x": "y"}),
        },
    )
    changed = move_config_to_file(site, "https://example.org/site/")
    assert [page.relative_to(site).as_posix() for page in changed] == ["index.html"]
    assert "__config" in (site / "es/index.html").read_text()
