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

from scripts import page_meta
from scripts.problems import Problem
from scripts.safety_net import SafetyNet

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
    markdown = check_page_source(page, markdown, config, files)
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    return context


# --- Staff safety net (issue 3): each content mistake becomes a `path:line: what. How to fix.` warning.
# The checks live in scripts/safety_net.py and the *_checks.py modules it calls.

_safety_net: SafetyNet | None = None


def _net(config: MkDocsConfig) -> SafetyNet:
    global _safety_net
    if _safety_net is None:
        _safety_net = SafetyNet(Path(config.config_file_path or ".").resolve().parent)
    return _safety_net


def on_pre_build(config: MkDocsConfig) -> None:
    global _safety_net
    _safety_net = None  # a fresh start on every (re)build of `mkdocs serve`
    net = _net(config)
    report(net.check_config(config.config_file_path, config.extra.get("clinic")))
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    report(net.check_includes(net.project_dir / name for name in snippets.get("auto_append", [])))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    net = _net(config)
    for file in files.documentation_pages():
        if file.abs_src_path:
            readable, problems = net.check_encoding(file.abs_src_path)
            report(problems)
            if readable is not None:  # MkDocs would crash on it; build with the readable text instead
                file.content_string = readable
    return files


def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    if config.nav is not None:
        in_nav = {page.file.src_uri for page in nav.pages}
        _net(config).not_in_nav = [
            file.src_uri
            for file in files.documentation_pages()
            if file.src_uri not in in_nav and not file.inclusion.is_not_in_nav()  # type: ignore[no-untyped-call]
        ]
    return nav


def check_page_source(page: Page, markdown: str, config: MkDocsConfig, files: Files) -> str:
    net = _net(config)
    if page.file.abs_src_path:
        known = {file.src_uri for file in files}
        report(net.check_page_source(page.file.abs_src_path, page.file.src_uri, known, Path(config.docs_dir)))
    return net.defuse(markdown)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    rendered = {
        file.src_uri: file.page.content
        for file in files.documentation_pages()
        if file.page is not None and file.page.content
    }
    net = _net(config)
    report(net.finish(rendered, net.not_in_nav))
    return env
