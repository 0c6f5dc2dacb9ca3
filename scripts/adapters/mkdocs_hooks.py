"""MkDocs adapter: hands MkDocs' events to the generator-neutral pipeline in scripts/pipeline.py.

No logic here: each event gives the pipeline what MkDocs knows at that point, in the order
MkDocs calls them. Every staff problem becomes a MkDocs warning, so `--strict` fails on it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from scripts import languages, pipeline
from scripts.adapters import mkdocs_preview

log = logging.getLogger("mkdocs.hooks.site")
_build: pipeline.Build | None = None


def _now() -> pipeline.Build:
    assert _build is not None, "on_config starts the build"
    return _build


def _page(page: Page) -> pipeline.PageInfo:
    docs = _now().site.language.docs
    return pipeline.PageInfo(
        page.file.src_uri, page.url, dict(page.meta), page.title or "", docs=docs
    )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build  # MkDocs hooks share state through their module
    language = languages.get(str(config.theme["language"]))
    if language != languages.DEFAULT:  # INHERIT gave it mkdocs.yml's address and menu
        config.site_url = languages.site_url(config.site_url or "", language)
        config.nav = pipeline.language_nav(
            config.nav, Path(config.docs_dir), config.extra.get("nav_labels")
        )
    site = pipeline.Site(
        config_file=Path(config.config_file_path or "mkdocs.yml"),
        docs_dir=Path(config.docs_dir),
        site_url=config.site_url or "",
        site_name=config.site_name,
        site_description=config.site_description or "",
        extra=config.extra,
        markdown_extensions=config.markdown_extensions,
        mdx_configs=config.mdx_configs,
        nav=config.nav,
        language=language,
    )
    _build = pipeline.start(site, log.warning, log.info)
    config["mdx_configs"] = pipeline.page_markdown_configs(_build)  # the glossary read once
    for key, values in _build.template_values.items():
        config.extra.setdefault(key, {}).update(values)
    # Our link checks name the line; MkDocs' own warnings for the same broken links would repeat them.
    config.validation.links.not_found = config.validation.links.anchors = logging.INFO
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for src_uri in pipeline.shared_files(_now().site):  # assets live once, in docs/
        shared = _now().site.shared_docs_dir
        files.append(File(src_uri, str(shared), config.site_dir, config.use_directory_urls))
    pages = [
        (f.src_uri, Path(f.abs_src_path)) for f in files.documentation_pages() if f.abs_src_path
    ]
    readable = pipeline.check_files(_now(), (f.src_uri for f in files), pages, keep_clean=True)
    for file in files.documentation_pages():
        if file.src_uri in readable:  # MkDocs would crash on it; build with the readable text
            file.content_string = readable[file.src_uri]
    pipeline.check_nav(_now(), (file.src_uri for file in files.documentation_pages()))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    mkdocs_preview.remember_nav(nav, config)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown = pipeline.markdown_steps(_now(), _page(page), markdown)
    page.meta.update(pipeline.page_meta_values(_now(), _page(page)))
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return pipeline.content_steps(_now(), _page(page), html)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    # `| tojson` (JSON-LD, Material's __config) without spaces: fewer bytes on every page.
    env.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "separators": (",", ":"),
        "ensure_ascii": False,  # "Punción", not "Punci\\u00f3n": about 40 gzipped bytes a Spanish page
    }
    # Material's templates compiled once, not again in every build and language.
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(
        str(pipeline.cache_dir(_now().site, "jinja"))
    )
    pipeline.cross_page_checks(_now())  # every page's HTML exists now
    mkdocs_preview.remember(config, files, env, _now())  # for `mkdocs serve`'s next save
    return env


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    # A save renders only the pages it changed again (scripts/adapters/mkdocs_preview.py).
    return mkdocs_preview.serve(server, config, builder, _use)


def _use(build: pipeline.Build) -> None:
    global _build
    _build = build


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return pipeline.finish_page(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Static templates such as 404.html get the same edits as pages.
    return (
        pipeline.finish_page(output_content) if template_name.endswith(".html") else output_content
    )


def on_post_build(config: MkDocsConfig) -> None:
    pipeline.finish_site(_now(), Path(config.site_dir))
    # The other languages build into their folder of this site (also under `mkdocs serve`).
    if _now().site.translated:
        return
    for language_config in languages.other_language_configs(Path(config.config_file_path)):
        site_dir = Path(config.site_dir) / languages.get_by_config(language_config).prefix
        # In this process: a second Python would import (and compile) everything again.
        # Its warnings also count for this build's --strict.
        try:
            mkdocs_build(
                load_config(
                    str(language_config),
                    site_dir=str(site_dir),
                    strict=True,
                    use_directory_urls=config.use_directory_urls,
                )
            )
        except Abort:
            log.warning(pipeline.language_build_failed(language_config.name))
