"""The pipeline with no site generator: every check of a real build, without a theme or a site.

Runs the steps of scripts/pipeline.py in the order an adapter does, rendering each page with
plain Python-Markdown and the site's extensions. The safety-net tests use it to call the checks
directly (fast, no MkDocs); a handful of end-to-end builds prove the adapters pass them on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import markdown

from scripts import pipeline
from scripts.checks.front_matter_checks import read_front_matter
from scripts.checks.safety_net import read_source
from scripts.urls import page_url


@dataclass(frozen=True)
class Checked:
    problems: list[str]  # `docs/x.md:3: ...`, in the order the build reports them

    @property
    def output(self) -> str:
        return "\n".join(self.problems)


def check_project(project: Path) -> Checked:
    problems: list[str] = []
    checked_build(project, problems.append)
    return Checked(problems)


def checked_build(
    project: Path,
    warn: Callable[[str], None],
    inform: Callable[[str], None] = lambda notice: None,
    keep_clean: bool = False,
) -> pipeline.Build:
    """Every check of a full build of the project's English pages; the build, to work on.
    `keep_clean`: as `mkdocs build`, with the clean pages of `.build-cache/`."""
    site = pipeline.read_site(project / "mkdocs.yml")
    build = pipeline.start(site, warn, inform=inform)
    files, pages = pipeline.docs_files(site)
    readable = pipeline.check_files(build, files, pages, keep_clean)
    pipeline.check_nav(build, [src_uri for src_uri, _ in pages])
    for src_uri, path in pages:
        render_page(build, src_uri, readable.get(src_uri) or read_source(path))
    pipeline.cross_page_checks(build)
    return build


def render_page(build: pipeline.Build, src_uri: str, text: str) -> None:
    """Steps 2 and 3 on one page, rendered with plain Python-Markdown and the site's extensions."""
    site = build.site
    meta, body = read_front_matter(text)
    page = pipeline.PageInfo(src_uri, page_url(src_uri), meta, str(meta.get("title") or ""))
    body = pipeline.markdown_steps(build, page, body)
    html = markdown.Markdown(
        extensions=list(site.markdown_extensions), extension_configs=dict(site.mdx_configs)
    ).convert(body)
    pipeline.content_steps(build, page, html)


def check_in_process(
    project: str, today: str, env: tuple[tuple[str, str], ...] = ()
) -> tuple[int, str]:
    """`check_project` for a worker process: exit code 1 on any problem, 2 on a crash.
    `env`: environment variables for this check only (the worker runs many)."""
    import os
    import traceback

    from scripts.checks.review_dates import CHANGED_VARIABLE
    from scripts.checks.safety_net import TODAY_VARIABLE

    os.environ[TODAY_VARIABLE] = today
    os.environ.pop(CHANGED_VARIABLE, None)
    os.environ.update(dict(env))
    os.chdir(project)  # pymdownx.snippets reads includes/ relative to the working folder
    try:
        checked = check_project(Path(project))
    except Exception:  # noqa: BLE001 - a traceback is exactly what the tests must catch
        return 2, traceback.format_exc()
    return (1 if checked.problems else 0), checked.output
