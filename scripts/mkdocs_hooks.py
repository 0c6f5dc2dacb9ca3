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

from scripts import body_map, page_meta
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


# --- Referred-pain explorer (scripts/body_map.py) ---------------------------------------------

_referral_patterns = body_map.ReferralPatterns((), ())
_pages_with_pain_map = 0


def on_pre_build(config: MkDocsConfig) -> None:
    global _referral_patterns, _pages_with_pain_map
    _referral_patterns, problems = body_map.load_patterns_file(Path(config.docs_dir))
    _pages_with_pain_map = 0
    report(problems)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    global _pages_with_pain_map
    if body_map.MARKER in html:
        _pages_with_pain_map += 1
    booking_url = str(config.extra.get("clinic", {}).get("booking_url", ""))
    return body_map.insert_body_map(html, _referral_patterns, booking_url)


def on_post_build(config: MkDocsConfig) -> None:
    report(body_map.missing_marker_problems(_pages_with_pain_map))
