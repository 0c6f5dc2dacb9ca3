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

from scripts import glossary, page_meta, placeholders, structured_data
from scripts.problems import Problem

log = logging.getLogger("mkdocs.hooks.site")


def report(problems: Iterable[Problem]) -> None:
    """Each problem becomes a MkDocs warning, so `mkdocs build --strict` fails on it."""
    for problem in problems:
        log.warning(str(problem))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    clinic = config.extra.setdefault("clinic", {})
    clinic["phone_tel"] = page_meta.tel_uri(str(clinic.get("phone", "")))
    _load_glossary(config)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.meta["review"] = page_meta.review_context(page.meta)
    page.meta["sources"] = page_meta.normalise_sources(page.meta.get("sources"))
    return _content_page_markdown(markdown, page, config)


# --- Content helper: clinic placeholders, glossary page, link previews + JSON-LD ---

_glossary_entries: list[glossary.GlossaryEntry] = []


def _load_glossary(config: MkDocsConfig) -> None:
    path = Path(config.config_file_path).parent / "includes" / "glossary.md"
    entries, problems = glossary.parse_glossary(path.read_text(encoding="utf-8"))
    _glossary_entries[:] = entries
    report(problems)


def _content_page_markdown(markdown: str, page: Page, config: MkDocsConfig) -> str:
    source_path = f"docs/{page.file.src_uri}"
    source = Path(page.file.abs_src_path or "").read_text(encoding="utf-8") if page.file.abs_src_path else markdown
    values = placeholders.clinic_values(config.extra.get("clinic", {}))
    markdown, problems = placeholders.fill_placeholders(
        markdown, values, source_path, placeholders.body_start_line(source, markdown)
    )
    report(problems)
    markdown = glossary.insert_glossary(markdown, _glossary_entries)
    title = str(page.meta.get("title") or page.title or config.site_name)
    description = str(page.meta.get("description") or config.site_description or "")
    url = page.canonical_url or ""
    page.meta["social_meta"] = structured_data.social_meta(
        title=title, description=description, url=url, site_name=config.site_name
    )
    page.meta["json_ld"] = structured_data.medical_web_page(
        title=title,
        description=description,
        url=url,
        review=page.meta.get("review"),
        sources=page.meta.get("sources", []),
        publisher=str(config.extra.get("clinic", {}).get("name", config.site_name)),
    )
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return glossary.first_use_only(html)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    return context
