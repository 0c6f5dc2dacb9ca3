"""MkDocs adapter: a thin layer that calls the plain functions in `scripts/`.

Keep logic out of this file. A move to another site generator means writing a
new adapter like this one, not new logic.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from scripts import (
    body_map,
    demo_video,
    glossary,
    handout_pdf,
    page_html,
    page_meta,
    placeholders,
    print_links,
    structured_data,
)
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
    _load_glossary(config)
    _check_demo_video(config)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.meta["review"] = page_meta.review_context(page.meta)
    page.meta["sources"] = page_meta.normalise_sources(page.meta.get("sources"))
    markdown = check_page_source(page, markdown, config, files)
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
    # After the page's own placeholders, so their line numbers match the page file.
    project_dir = Path(config.config_file_path or ".").resolve().parent
    markdown, problems = placeholders.include_shared_text(markdown, values, project_dir)
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


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    _demo_video_context(context, page, config)
    return context


# --- Demo video, printable handout and print links (scripts/demo_video.py, handout_pdf.py, print_links.py) ---

_demo_video: dict[str, demo_video.DemoVideo | None] = {"video": None}
_handout: dict[str, handout_pdf.HandoutPdf | None] = {"pdf": None}


def _check_demo_video(config: MkDocsConfig) -> None:
    config_path = os.path.relpath(config.config_file_path) if config.config_file_path else "mkdocs.yml"
    yaml_text = Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else ""
    video, problems = demo_video.check_demo_video(
        config.extra.get("demo_video"), yaml_text, config_path, Path(config.docs_dir)
    )
    report(problems)
    _demo_video["video"] = video


def on_pre_build(config: MkDocsConfig) -> None:
    _safety_pre_build(config)
    _body_map_pre_build(config)
    # The PDF is made before pages render, so every page can show its page count and size.
    handout, problems = handout_pdf.build_handout(
        Path(config.docs_dir),
        config.extra.get("clinic", {}),
        config.site_url or "",
        config.markdown_extensions,
        config.mdx_configs,
        os.environ.get("SOURCE_DATE_EPOCH"),
    )
    report(problems)
    _handout["pdf"] = handout
    config.extra["handout_pdf"] = {"path": handout_pdf.PDF_PATH, "label": handout.label if handout else ""}


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = _insert_body_map(html, config)
    flag = page.meta.get("demo_video")
    if flag is not None and not isinstance(flag, bool):
        source = Path(page.file.abs_src_path or "")
        text = source.read_text(encoding="utf-8") if source.is_file() else ""
        problem = demo_video.front_matter_problem(flag, f"docs/{page.file.src_uri}", text)
        report([problem] if problem else [])
    handout = _handout["pdf"]
    if handout:
        href = get_relative_url(handout_pdf.PDF_PATH, page.url or ".")
        html = handout_pdf.replace_handout_link(html, href, handout.label)
    if page.file.src_uri == handout_pdf.SOURCE:
        html = handout_pdf.replace_clinic_contact(html, config.extra.get("clinic", {}))
    html = print_links.add_print_urls(html, config.site_url or "", page.url)
    return glossary.first_use_only(html)


def _demo_video_context(context: dict[str, Any], page: Page, config: MkDocsConfig) -> None:
    video = _demo_video["video"]
    if video is None or page.meta.get("demo_video") is not True:
        return
    transcript_url = File(video.transcript, config.docs_dir, config.site_dir, config.use_directory_urls).url
    context["demo_video"] = demo_video.template_context(
        video, transcript_url, on_transcript_page=page.file.src_uri == video.transcript
    )


def on_post_build(config: MkDocsConfig) -> None:
    report(body_map.missing_marker_problems(_pages_with_pain_map))
    if _handout["pdf"]:
        handout_pdf.save(Path(config.site_dir), _handout["pdf"])


# --- Staff safety net (issue 3): each content mistake becomes a `path:line: what. How to fix.` warning.
# The checks live in scripts/safety_net.py and the *_checks.py modules it calls.

_safety_net: SafetyNet | None = None


def _net(config: MkDocsConfig) -> SafetyNet:
    global _safety_net
    if _safety_net is None:
        _safety_net = SafetyNet(Path(config.config_file_path or ".").resolve().parent)
    return _safety_net


def _safety_pre_build(config: MkDocsConfig) -> None:
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


# --- Referred-pain explorer (scripts/body_map.py) ---

_referral_patterns = body_map.ReferralPatterns((), ())
_pages_with_pain_map = 0


def _body_map_pre_build(config: MkDocsConfig) -> None:
    global _referral_patterns, _pages_with_pain_map
    _referral_patterns, problems = body_map.load_patterns_file(Path(config.docs_dir))
    _pages_with_pain_map = 0
    report(problems)


def _insert_body_map(html: str, config: MkDocsConfig) -> str:
    global _pages_with_pain_map
    if body_map.MARKER in html:
        _pages_with_pain_map += 1
    clinic = config.extra.get("clinic", {})
    return body_map.insert_body_map(
        html,
        _referral_patterns,
        str(clinic.get("booking_url", "")),
        str(clinic.get("phone", "")),
        str(clinic.get("phone_tel", "")),
    )
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = page_html.name_search_dialog(output)
    return page_html.defer_scripts_from_bundle(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Static templates such as 404.html get the same page edits.
    if not template_name.endswith(".html"):
        return output_content
    output_content = page_html.name_search_dialog(output_content)
    return page_html.defer_scripts_from_bundle(output_content)
