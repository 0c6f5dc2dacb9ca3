"""MkDocs adapter: a thin layer that calls the plain functions in `scripts/`.

Keep logic out of this file. A move to another site generator (such as Zensical)
means writing a new adapter like this one, not new logic. Events are listed in
the order MkDocs calls them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from scripts import (
    admonition_headings,
    body_map,
    csp,
    demo_video,
    glossary,
    handout_pdf,
    minify,
    page_html,
    page_meta,
    placeholders,
    print_links,
    structured_data,
    theme_fixes,
)
from scripts.problems import Problem
from scripts.safety_net import SafetyNet, read_source

log = logging.getLogger("mkdocs.hooks.site")


def report(problems: Iterable[Problem]) -> None:
    """Each problem becomes a MkDocs warning, so `mkdocs build --strict` fails on it."""
    for problem in problems:
        log.warning(str(problem))


@dataclass
class _Build:
    """What one build learns early and needs later. Reset on every (re)build."""

    safety_net: SafetyNet | None = None
    glossary: list[glossary.GlossaryEntry] = field(default_factory=list)
    video: demo_video.DemoVideo | None = None
    handout: handout_pdf.HandoutPdf | None = None
    referral_patterns: body_map.ReferralPatterns = field(
        default_factory=lambda: body_map.ReferralPatterns((), ())
    )
    pages_with_pain_map: set[str] = field(default_factory=set)
    known_files: set[str] = field(default_factory=set)


_build = _Build()


def _clinic(config: MkDocsConfig) -> dict[str, Any]:
    clinic: dict[str, Any] = config.extra.setdefault("clinic", {})
    return clinic


def _source_text(page: Page) -> str:
    path = Path(page.file.abs_src_path or "")
    return read_source(path) if path.is_file() else ""


def _net() -> SafetyNet:
    assert _build.safety_net is not None, "on_pre_build sets up the safety net"
    return _build.safety_net


# --- Configuration: derived values and config checks ---


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    clinic = _clinic(config)
    clinic["phone_tel"] = page_meta.tel_uri(str(clinic.get("phone", "")))

    project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    entries, problems = glossary.parse_glossary(
        (project_dir / "includes" / "glossary.md").read_text(encoding="utf-8")
    )
    _build.glossary = entries
    report(problems)

    config_path = (
        os.path.relpath(config.config_file_path) if config.config_file_path else "mkdocs.yml"
    )
    yaml_text = (
        Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else ""
    )
    _build.video, problems = demo_video.check_demo_video(
        config.extra.get("demo_video"), yaml_text, config_path, Path(config.docs_dir)
    )
    report(problems)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    net = _build.safety_net = SafetyNet(Path(config.config_file_path or ".").resolve().parent)
    report(net.check_config(config.config_file_path, _clinic(config)))
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    report(net.check_includes(net.project_dir / name for name in snippets.get("auto_append", [])))

    _build.referral_patterns, problems = body_map.load_patterns_file(Path(config.docs_dir))
    _build.pages_with_pain_map = set()
    report(problems)

    # The PDF is made before pages render, so every page can show its page count and size.
    _build.handout, problems = handout_pdf.build_handout(
        Path(config.docs_dir),
        _clinic(config),
        config.site_url or "",
        config.markdown_extensions,
        config.mdx_configs,
        os.environ.get("SOURCE_DATE_EPOCH"),
    )
    report(problems)
    label = _build.handout.label if _build.handout else ""
    config.extra["handout_pdf"] = {"path": handout_pdf.PDF_PATH, "label": label}


# --- Files and navigation ---


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _build.known_files = {file.src_uri for file in files}  # for the link checks on every page
    for file in files.documentation_pages():
        if file.abs_src_path:
            readable, problems = _net().check_encoding(file.abs_src_path)
            report(problems)
            if (
                readable is not None
            ):  # MkDocs would crash on it; build with the readable text instead
                file.content_string = readable
    return files


def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    if config.nav is not None:
        in_nav = {page.file.src_uri for page in nav.pages}
        _net().not_in_nav = [
            file.src_uri
            for file in files.documentation_pages()
            if file.src_uri not in in_nav and not file.inclusion.is_not_in_nav()  # type: ignore[no-untyped-call]
        ]
    return nav


# --- Each page: Markdown in, HTML out ---


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.meta["review"] = page_meta.review_context(dict(page.meta))
    page.meta["sources"] = page_meta.normalise_sources(page.meta.get("sources"))

    source = _source_text(page)
    source_path = f"docs/{page.file.src_uri}"
    # Measured before any rewriting; the rewrites below keep line numbers as they are.
    first_line = placeholders.body_start_line(source or markdown, markdown)
    if page.file.abs_src_path:
        report(
            _net().check_page_source(
                page.file.abs_src_path,
                page.file.src_uri,
                _build.known_files,
                Path(config.docs_dir),
                source,
            )
        )
    markdown = _net().defuse(markdown)

    values = placeholders.clinic_values(_clinic(config))
    markdown, problems = placeholders.fill_placeholders(markdown, values, source_path, first_line)
    report(problems)
    # After the page's own placeholders, so their line numbers match the page file.
    project_dir = Path(config.config_file_path or ".").resolve().parent
    markdown, problems = placeholders.include_shared_text(markdown, values, project_dir)
    report(problems)
    markdown = glossary.insert_glossary(markdown, _build.glossary)

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
        publisher=str(_clinic(config).get("name", config.site_name)),
    )
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if body_map.MARKER in html:
        _build.pages_with_pain_map.add(page.file.src_uri)
    clinic = _clinic(config)
    html = body_map.insert_body_map(
        html,
        _build.referral_patterns,
        str(clinic.get("booking_url", "")),
        str(clinic.get("phone", "")),
        str(clinic.get("phone_tel", "")),
    )

    flag = page.meta.get("demo_video")
    if flag is not None and not isinstance(flag, bool):
        problem = demo_video.front_matter_problem(
            flag, f"docs/{page.file.src_uri}", _source_text(page)
        )
        report([problem] if problem else [])

    if _build.handout:
        href = get_relative_url(handout_pdf.PDF_PATH, page.url or ".")
        html = handout_pdf.replace_handout_link(html, href, _build.handout.label)
    if page.file.src_uri == handout_pdf.SOURCE:
        html = handout_pdf.replace_clinic_contact(html, _clinic(config))

    html = print_links.add_print_urls(html, config.site_url or "", page.url)
    html = admonition_headings.title_headings(html)
    return glossary.first_use_only(html)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    # `| tojson` (JSON-LD, Material's __config) without spaces: fewer bytes on every page.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    # Every page's HTML exists now: cross-page checks such as links to missing sections.
    rendered = {
        file.src_uri: file.page.content
        for file in files.documentation_pages()
        if file.page is not None and file.page.content
    }
    report(_net().finish(rendered, _net().not_in_nav))
    return env


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any
) -> dict[str, Any]:
    video = _build.video
    if video is not None and page.meta.get("demo_video") is True:
        transcript_url = File(
            video.transcript, config.docs_dir, config.site_dir, config.use_directory_urls
        ).url
        context["demo_video"] = demo_video.template_context(
            video, transcript_url, on_transcript_page=page.file.src_uri == video.transcript
        )
    # Feature scripts load only on the pages that use them (main.html, block scripts).
    context["page_scripts"] = [
        script
        for script, used in (
            (demo_video.SCRIPT, context.get("demo_video", {}).get("mode") == "youtube"),
            (body_map.SCRIPT, page.file.src_uri in _build.pages_with_pain_map),
        )
        if used
    ]
    return context


def _finish_html(html: str) -> str:
    html = theme_fixes.drop_checkbox_autocomplete(html)
    html = theme_fixes.drop_prev_next_links(html)
    html = page_html.minify_inline_scripts(html)
    html = page_html.load_scripts_after_first_paint(html)
    html = page_html.drop_comments(html)
    html = page_html.trim_indentation(html)
    return csp.add_security_meta(html)  # last: the CSP hashes the final inline scripts


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _finish_html(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Static templates such as 404.html get the same edits as pages.
    return _finish_html(output_content) if template_name.endswith(".html") else output_content


# --- The whole site ---


def on_post_build(config: MkDocsConfig) -> None:
    report(body_map.missing_marker_problems(len(_build.pages_with_pain_map)))
    site_dir = Path(config.site_dir)
    minify.minify_site_assets(Path(config.docs_dir), site_dir)
    if _build.handout:
        handout_pdf.save(site_dir, _build.handout)
