"""MkDocs adapter: a thin layer that calls the plain functions in `scripts/`.

Keep logic out of this file. A move to another site generator means writing a
new adapter like this one, not new logic.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from scripts import csp, page_meta, theme_fixes
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


# --- Trust gate (issue 7): theme HTML fixes, then the CSP <meta> on every built page. ---
def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    theme_fixes.fix_site(site_dir)
    csp.harden_site(site_dir)
