"""Zensical adapter, per page: a Python-Markdown extension that runs the pipeline's page steps.

Zensical runs no MkDocs hooks, but it renders each page with the `markdown_extensions` of its
config, in this Python process. `scripts/adapters/zensical_build.py` lists this module there (in the
config it writes for Zensical) and sets `CURRENT` to the build before Zensical starts:

- a preprocessor, first of all, runs the Markdown steps (as MkDocs' `on_page_markdown`) and puts
  the review box, sources, JSON-LD and player values into the page's metadata, which Zensical
  hands to the templates as `page.meta`;
- a postprocessor, last of all, runs the HTML content steps (as MkDocs' `on_page_content`).

Without a build (`CURRENT` is None: the PDF's own Markdown, or Zensical run by hand) it does
nothing.
"""

from __future__ import annotations

import posixpath
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from scripts import pipeline

CURRENT: pipeline.Build | None = None


def _zensical_page(md: Markdown) -> Any:
    """Zensical's page object (url, path, meta) for this render, if Zensical is rendering."""
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:  # pragma: no cover - only without Zensical installed
        return None
    context = ContextPreprocessor.from_markdown(md)
    return context.page if context is not None else None


def _page_info(page: Any) -> pipeline.PageInfo:
    """Zensical rewrites relative links after our steps, counting from the Markdown file's folder."""
    src_uri = str(page.path)
    folder = posixpath.dirname(src_uri)
    return pipeline.PageInfo(
        src_uri, str(page.url), dict(page.meta), page.title or "", folder + "/" if folder else ""
    )


class _MarkdownSteps(Preprocessor):  # type: ignore[misc]  # Markdown has no type hints
    def run(self, lines: list[str]) -> list[str]:
        page = _zensical_page(self.md)
        if CURRENT is None or page is None:
            return lines
        info = _page_info(page)
        markdown = pipeline.markdown_steps(CURRENT, info, "\n".join(lines))
        page.meta.update(pipeline.page_meta_values(CURRENT, info))
        return markdown.split("\n")


class _ContentSteps(Postprocessor):  # type: ignore[misc]
    def run(self, text: str) -> str:
        page = _zensical_page(self.md)
        if CURRENT is None or page is None:
            return text
        info = _page_info(page)
        return pipeline.content_steps(CURRENT, info, text)


class PipelineExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_MarkdownSteps(md), "site_markdown_steps", 1000)
        md.postprocessors.register(_ContentSteps(md), "site_content_steps", -1000)


def makeExtension(**kwargs: Any) -> PipelineExtension:
    return PipelineExtension(**kwargs)
