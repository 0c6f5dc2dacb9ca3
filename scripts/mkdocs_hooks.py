"""MkDocs adapter: a thin layer that calls the plain functions in `scripts/`.

Keep logic out of this file. A move to another site generator means writing a
new adapter like this one, not new logic.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from scripts import page_html, page_meta
from scripts.problems import Problem

log = logging.getLogger("mkdocs.hooks.site")


def report(problems: Iterable[Problem]) -> None:
    """Each problem becomes a MkDocs warning, so `mkdocs build --strict` fails on it."""
    for problem in problems:
        log.warning(str(problem))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    clinic = config.extra.setdefault("clinic", {})
    clinic["phone_tel"] = page_meta.tel_uri(str(clinic.get("phone", "")))
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.meta["review"] = page_meta.review_context(page.meta)
    page.meta["sources"] = page_meta.normalise_sources(page.meta.get("sources"))
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = page_html.name_search_dialog(output)
    return page_html.defer_scripts_from_bundle(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Static templates such as 404.html get the same page edits.
    if not template_name.endswith(".html"):
        return output_content
    output_content = page_html.name_search_dialog(output_content)
    return page_html.defer_scripts_from_bundle(output_content)
