"""MkDocs adapter for the staff preview (`mkdocs serve`): a saved page is rendered again alone.

MkDocs' own serve rebuilds the whole site, both languages and every check, on every save. Its
hook `on_serve` (mkdocs_hooks.py) hands the server's builder to `serve`, which instead asks
`scripts.preview` what the save changed and, when only pages' text did, renders those pages
again with MkDocs' own page steps (every hook runs, so every check of the page), with the
config, files, menu and templates that each language's last full build left (`remember`).
Everything else runs the full build, as before.

English first: once its pages are written, browsers reload and the server answers again while
the translations of those pages render; then browsers reload once more. MkDocs' server looks
for saved files every 0.5 s; the preview asks it to look every 0.2 s (`POLL_SECONDS`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer, _timestamp
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from scripts import languages, pipeline, preview

log = logging.getLogger("mkdocs.hooks.site")


@dataclass
class _LastBuild:
    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any
    build: pipeline.Build


POLL_SECONDS = 0.2
_LAST: dict[str, _LastBuild] = {}  # by language code, from the last full build
_NAV: dict[str, Navigation] = {}


def remember_nav(nav: Navigation, config: MkDocsConfig) -> None:
    _NAV[str(config.theme["language"])] = nav


def remember(config: MkDocsConfig, files: Files, env: Any, build: pipeline.Build) -> None:
    """What a full build of one language knows once its pages are read (its `on_env`)."""
    code = build.site.language.code
    _LAST[code] = _LastBuild(config, files, _NAV[str(config.theme["language"])], env, build)


def serve(
    server: LiveReloadServer,
    config: MkDocsConfig,
    builder: Callable[[], None],
    use: Callable[[pipeline.Build], None],
) -> LiveReloadServer:
    """Watch every language's pages and config, and rebuild only the pages a save changed.
    `use` makes a language's last build the one the hooks work on."""
    config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
    project = config_file.parent
    watched = [Path(config.docs_dir), config_file, *(Path(path) for path in config.watch)]
    for other in languages.other_language_configs(config_file):
        for path in (other, project / languages.get_by_config(other).docs):
            server.watch(str(path))
            watched.append(path)
    state = preview.Snapshot(project).take(watched)
    # Private to MkDocs 1.6 and watchdog (pinned in uv.lock): how often the server looks for
    # saved files, for the watches made so far (emitters) and later ones (the observer).
    for poller in (server.observer, *server.observer.emitters):
        poller._timeout = POLL_SECONDS  # type: ignore[attr-defined]

    english = _LAST.get(languages.DEFAULT.code)
    if english is not None:
        preview.warm_up(english.build, Path(english.config.site_dir))

    def rebuild() -> None:
        nonlocal state
        after = state.take(watched)
        edited, added_or_deleted = state.changed(after)
        state = after
        plan = preview.pages_to_render(edited, added_or_deleted, project)
        if plan is not None and _render_again(plan, use, lambda: _reload_browsers(server)):
            log.info("Rendered again: %s", ", ".join(_paths(plan)))
            return
        _LAST.clear()  # the full build remembers its own
        server._wanted_epoch = _timestamp()  # requests wait for it (English may be shown)
        builder()

    server.builder = rebuild
    return server


def _paths(plan: dict[str, list[str]]) -> list[str]:
    return [f"{languages.get(code).docs}/{page}" for code, pages in plan.items() for page in pages]


def _reload_browsers(server: LiveReloadServer) -> None:
    """What MkDocs' server does after a build (private to MkDocs 1.6): browsers reload, and
    requests, held while a build runs, are answered again."""
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch = _timestamp()
        server._epoch_cond.notify_all()


def _render_again(
    plan: dict[str, list[str]],
    use: Callable[[pipeline.Build], None],
    reload_browsers: Callable[[], None],
) -> bool:
    """Render the planned pages of each language again, English first (then browsers reload
    before the next language renders); False (nothing done yet, or a page's title changed,
    which changes every page's menu) for the full build."""
    order = [language.code for language in languages.LANGUAGES if language.code in plan]
    if any(code not in _LAST for code in order):
        return False
    for code in order:
        last = _LAST[code]
        files = {file.src_uri: file for file in last.files.documentation_pages()}
        for src_uri in plan[code]:
            file = files.get(src_uri)
            if file is None or file.page is None or file.abs_src_path is None:
                return False  # not a page MkDocs read from its file (not UTF-8: the full build)
            try:
                Path(file.abs_src_path).read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError:
                return False
    default = _LAST.get(languages.DEFAULT.code)
    try:
        for number, code in enumerate(order):
            if number:
                reload_browsers()
            last = _LAST[code]
            use(last.build)
            pages = last.files.documentation_pages()
            for src_uri in plan[code]:
                page = last.files.get_file_from_path(src_uri).page  # type: ignore[union-attr]
                assert page is not None
                title = page.title
                preview.recheck_page(last.build, src_uri)
                _populate_page(page, last.config, last.files)
                if page.title != title:
                    return False
                _build_page(page, last.config, pages, last.nav, last.env)
            preview.finish_pages(last.build, Path(last.config.site_dir), plan[code])
        if len(order) > 1:
            reload_browsers()
    finally:
        if default is not None:
            use(default.build)
    return True
