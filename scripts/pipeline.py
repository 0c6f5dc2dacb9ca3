"""The build pipeline, for any site generator: its state and its steps, in order.

No generator is imported here. An adapter in scripts/adapters/ (mkdocs_hooks.py,
zensical_build.py) reads its generator's config into a `Site`, calls `start`, then calls the
steps below as its generator renders; every problem goes through `scripts.problems.report`.

1. Checks, before anything renders: `start` (config, clinic, glossary, video, body map data,
   includes; it also makes the handout PDF, so pages can show its size), `check_files` (each
   page's encoding, front matter, Markdown, links and markers), `check_nav`.
2. `markdown_steps`, each page: placeholders, shared boxes, Markdown markers (the glossary
   list); `page_meta_values` gives templates the review box, sources, JSON-LD, the player and
   the page's scripts.
3. `content_steps`, each page's HTML: HTML markers (body map, handout link, clinic contact),
   get-help box titles as headings, print links, first-use tooltips.
4. `finish_page`, each finished HTML file: theme fixes (checkbox autocomplete, no rel=prev/next), inline scripts minified, scripts after
   the first paint, comments out, whitespace, and the Content Security Policy last.
5. `cross_page_checks` (section links, reading level, the menu, the body map) and
   `finish_site` (our CSS and JavaScript minified, the PDF saved).
The handout PDF runs the same Markdown and HTML marker steps as its web page (`_build_handout`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from scripts import body_map, interface, languages, markers, translations
from scripts.checks.clean_pages import CleanPages, context_digest, files_digest, included_files
from scripts.checks.front_matter_checks import read_front_matter
from scripts.checks.safety_net import SafetyNet, read_source
from scripts.clinic import Clinic
from scripts.problems import Problem, report
from scripts.readers.yaml_lines import load_yaml
from scripts.steps import (
    admonition_headings,
    critical_css,
    csp,
    demo_video,
    glossary,
    handout_pdf,
    minify,
    page_html,
    page_meta,
    placeholders,
    print_links,
    reading_order,
    side_effects,
    structured_data,
    theme_fixes,
)
from scripts.urls import nav_pages, page_url, relative_url


@dataclass(frozen=True)
class Site:
    """What the pipeline needs from the generator's config (mkdocs.yml)."""

    config_file: Path
    docs_dir: Path
    site_url: str
    site_name: str
    site_description: str
    extra: Mapping[str, Any]
    markdown_extensions: Sequence[Any]
    mdx_configs: Mapping[str, Any]
    nav: Any = None
    exclude_docs: str = ""
    language: languages.Language = languages.DEFAULT

    @property
    def project_dir(self) -> Path:
        return self.config_file.resolve().parent

    @property
    def shared_docs_dir(self) -> Path:
        """docs/: assets and data files, the same for every language."""
        return self.project_dir / languages.SHARED_DOCS

    @property
    def includes_dir(self) -> Path:
        return self.project_dir / self.language.includes

    @property
    def translated(self) -> bool:
        """A translation (docs-es/): its pages keep in step with their English pages."""
        return self.language != languages.DEFAULT

    @property
    def root_url(self) -> str:
        """mkdocs.yml's site_url: the English home page, which the other languages sit under."""
        prefix = self.language.prefix
        return self.site_url.removesuffix(prefix) if prefix else self.site_url

    @property
    def auto_append(self) -> list[str]:
        snippets = self.mdx_configs.get("pymdownx.snippets", {})
        return [str(name) for name in snippets.get("auto_append", [])]


@dataclass(frozen=True)
class PageInfo:
    """One page as the pipeline sees it: `aftercare.md`, its URL `aftercare/`, its front matter."""

    src_uri: str
    url: str
    meta: Mapping[str, Any]
    title: str = ""
    # Where relative links in the page's HTML count from: its URL (MkDocs), or the folder of its
    # Markdown file (Zensical, which rewrites links after the content steps). None: its URL.
    links_from: str | None = None
    docs: str = "docs"  # the page's folder in the repository (docs-es for Spanish pages)

    @property
    def link_base(self) -> str:
        return self.url if self.links_from is None else self.links_from

    @property
    def path(self) -> str:
        return f"{self.docs}/{self.src_uri}"


def read_site(config_file: Path) -> Site:
    """A `Site` straight from mkdocs.yml, for adapters that do not get MkDocs' parsed config."""
    config = load_yaml(config_file.read_text(encoding="utf-8")) or {}
    names: list[str] = []
    configs: dict[str, Any] = {}
    for item in config.get("markdown_extensions") or []:  # names, or one-key maps with options
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(str(name))
        if options:
            configs[str(name)] = options
    return Site(
        config_file=config_file,
        docs_dir=config_file.resolve().parent / str(config.get("docs_dir", "docs")),
        site_url=str(config.get("site_url") or ""),
        site_name=str(config.get("site_name") or ""),
        site_description=str(config.get("site_description") or ""),
        extra=config.get("extra") or {},
        markdown_extensions=names,
        mdx_configs=configs,
        nav=config.get("nav"),
        exclude_docs=str(config.get("exclude_docs") or ""),
    )


def docs_files(site: Site) -> tuple[list[str], list[tuple[str, Path]]]:
    """Every file in docs/ (`aftercare.md`, `assets/x.svg`), and the pages: Markdown files that
    `exclude_docs` does not leave out (folder lines such as `data/` only)."""
    docs = site.docs_dir
    files = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
    lines = [line.strip() for line in site.exclude_docs.splitlines()]
    excluded = tuple(line.strip("/") + "/" for line in lines if line.endswith("/"))
    pages = [(f, docs / f) for f in files if f.endswith(".md") and not f.startswith(excluded)]
    return files, pages


def shared_files(site: Site) -> list[str]:
    """Files a translation takes from docs/ (`assets/...`): images, styles and scripts live once."""
    if not site.translated:
        return []
    shared = site.shared_docs_dir / "assets"
    return sorted(
        path.relative_to(site.shared_docs_dir).as_posix()
        for path in shared.rglob("*")
        if path.is_file()
    )


def language_nav(
    root_nav: Any, docs_dir: Path, labels: Mapping[str, str] | None = None
) -> list[str | dict[str, str]]:
    """A translation's menu: the English menu's pages, in order, that the translation has, each
    with its short label from `extra.nav_labels` or else the translated page's own title (pages
    still missing are reported by `check_files`)."""
    labels = labels or {}
    return [
        {labels[page]: page} if labels.get(page) else page
        for page in nav_pages(root_nav)
        if (docs_dir / page).is_file()
    ]


@dataclass
class Build:
    """What one build learns early and needs later. Made anew on every (re)build by `start`."""

    site: Site
    warn: Callable[[str], None]
    inform: Callable[[str], None]  # notices that do not fail the build (a review due soon)
    safety_net: SafetyNet
    clinic: Clinic
    glossary: list[glossary.GlossaryEntry] = field(default_factory=list)
    video: demo_video.DemoVideo | None = None
    handout: handout_pdf.HandoutPdf | None = None
    referral_patterns: body_map.ReferralPatterns = field(
        default_factory=lambda: body_map.ReferralPatterns((), ())
    )
    pages_with_pain_map: set[str] = field(default_factory=set)
    side_effects: side_effects.SideEffects = side_effects.EMPTY
    known_files: set[str] = field(default_factory=set)
    rendered: dict[str, str] = field(default_factory=dict)
    problems: int = 0
    ui: interface.Interface = field(default_factory=interface.Interface)  # its language's words

    def report(self, problems: Iterable[Problem]) -> None:
        self.problems += report(problems, self.warn, self.inform)

    @property
    def template_values(self) -> dict[str, Any]:
        """Values the templates read from `config.extra` that the build works out."""
        label = self.handout.label if self.handout else ""
        return {
            "clinic": self.clinic.template_values(),
            "handout_pdf": {"path": handout_pdf.PDF_PATH, "label": label},
            "ui": self.ui.words,
            "ui_languages": {
                lang.code: {
                    "name": lang.name,
                    "home_url": languages.site_url(self.site.root_url, lang),
                    **self.ui.of(lang.code).words,
                }
                for lang in languages.LANGUAGES
            },
        }


# --- 1. Checks of the sources and the config, before anything renders ---


def start(
    site: Site, warn: Callable[[str], None], inform: Callable[[str], None] | None = None
) -> Build:
    """Read and check the config, glossary, video, body map data; make the handout PDF.
    `warn` shows a staff error (the build fails), `inform` a notice (default: like `warn`)."""
    build = Build(
        site,
        warn,
        inform or warn,
        SafetyNet(site.project_dir, language=site.language.code, includes=site.language.includes),
        Clinic.from_config(site.extra.get("clinic")),
    )

    ui, problems = interface.load_interface(site.shared_docs_dir)
    build.ui = ui.of(site.language.code)
    build.report(problems if not site.translated else [])  # reported once, by the English build
    glossary_file = site.includes_dir / "glossary.md"
    build.glossary, problems = glossary.parse_glossary(glossary_file.read_text(encoding="utf-8"))
    build.report(problems)
    config_path = os.path.relpath(site.config_file)
    yaml_text = site.config_file.read_text(encoding="utf-8")
    build.video, problems = demo_video.check_demo_video(
        site.extra.get("demo_video"), yaml_text, config_path, site.shared_docs_dir
    )
    build.report(problems)

    net = build.safety_net
    build.report(
        net.check_config(site.config_file, site.extra.get("clinic"), site.extra.get("help_boxes"))
    )
    build.report(net.check_includes(site.project_dir / name for name in site.auto_append))
    if site.translated:
        root_config = site.project_dir / languages.DEFAULT.config
        build.report(languages.check_language_config(root_config, site.config_file))
    for shared in sorted(site.includes_dir.glob("*.md")):
        build.report(markers.check_markers(net.display_path(shared), read_source(shared)))
    build.referral_patterns, problems = body_map.load_patterns_file(
        site.shared_docs_dir, site.language.code
    )
    build.report(problems if not site.translated else [])  # reported once, by the English build
    build.side_effects, problems = side_effects.load_figures_file(site.shared_docs_dir)
    build.report(problems)
    # The PDF is made before pages render, so every page can show its page count and size.
    _build_handout(build)
    return build


def check_files(
    build: Build,
    files: Iterable[str],
    pages: Iterable[tuple[str, Path]],
    keep_clean: bool = False,
) -> dict[str, str]:
    """Remember every file for the link checks; check each page's source (encoding, front
    matter, Markdown, links, markers), before anything renders. `keep_clean` (the full
    build): a page whose checks found nothing last time, with nothing they read changed since,
    is not checked again (scripts/checks/clean_pages.py).

    Returns a readable text for each page that is not UTF-8, so the build goes on with it."""
    build.known_files = set(files)
    readable_texts = {}
    pages = list(pages)
    site = build.site
    if site.translated:
        _, english_pages = docs_files(read_site(site.project_dir / languages.DEFAULT.config))
        build.report(
            translations.missing_pages(
                (uri for uri, _ in english_pages),
                (uri for uri, _ in pages),
                languages.SHARED_DOCS,
                site.language.docs,
            )
        )
    clean = _clean_pages(build) if keep_clean else None
    for src_uri, source_file in pages:
        readable = check_page(build, src_uri, source_file, clean)
        if readable is not None:
            readable_texts[src_uri] = readable
    if clean is not None:
        clean.save()
    return readable_texts


def check_page(
    build: Build, src_uri: str, source_file: Path, clean: CleanPages | None = None
) -> str | None:
    """One page's source checks (`check_files`; `mkdocs serve` runs them again on a page it
    renders again). Returns a readable text if the page is not UTF-8. `clean`: pages whose
    checks found nothing, by what they read; this page is skipped if it is one of them, and
    becomes one if its checks find nothing."""
    net = build.safety_net
    path = net.display_path(source_file)
    source = read_source(source_file)
    english = english_file(build, src_uri)
    if orphan_translation(build, src_uri):  # that one problem (check_files) is enough
        readable, problems = net.check_encoding(source_file)
        build.report(problems)
        return readable
    key = None
    if clean is not None:
        key = clean.key(
            src_uri,
            source_file.read_bytes(),
            english.read_bytes() if english else None,
            included_files(source, build.site.project_dir),
        )
        learned = clean.get(key)
        if learned is not None:
            net.take_back(src_uri, path, source, learned)
            return None
    readable, problems = net.check_encoding(source_file)
    problems += net.check_page_source(
        source_file,
        src_uri,
        build.known_files,
        build.site.shared_docs_dir,
        source,
        english,
    )
    problems += markers.check_markers(path, source, net.body_start(src_uri))
    problems += side_effects.leftover_marker_problems(path, source, source)
    build.report(problems)
    if clean is not None and key is not None and not problems and readable is None:
        clean.keep(key, net.learned(src_uri))
    return readable


def _project_files(project: Path) -> list[Path]:
    """The config and the pinned packages (the checks' libraries), where they exist."""
    names = (languages.DEFAULT.config, "uv.lock")
    return [project / name for name in names if (project / name).is_file()]


def _clean_pages(build: Build) -> CleanPages:
    """The clean pages kept by earlier builds of this language, for what this build's checks
    read besides each page (`clean_pages.context_digest`)."""
    site, net = build.site, build.safety_net
    project = site.project_dir
    # The shared text and the data files, whole (names and contents).
    shared = [project / "includes", site.shared_docs_dir / "data", site.docs_dir / "data"]
    read = {file for folder in shared for file in folder.rglob("*") if file.is_file()}
    # The pictures and other files pages link to, whole: a larger copy of an image under the
    # same name is over the size limit.
    for folder in {site.shared_docs_dir, site.docs_dir}:
        read |= {file for file in folder.rglob("*") if file.is_file() and file.suffix != ".md"}
    context = context_digest(
        [
            str(project),
            str(site.docs_dir),
            net.today.isoformat(),
            net.changed_files,
            net.clinic,
            net.help_boxes,
            net.box_types(site.shared_docs_dir),
            net.language,
            net.includes,
            build.known_files,
            {file.relative_to(project).as_posix() for file in project.glob("docs*/**/*.md")},
            files_digest(read, project),
            files_digest({site.config_file.resolve(), *_project_files(project)}, project),
        ]
    )
    return CleanPages.load(language_cache_file(site, CLEAN_PAGES_CACHE), context)


def english_file(build: Build, src_uri: str) -> Path | None:
    """The English page a translated page translates (docs/safety.md for docs-es/safety.md),
    if it exists; None for English pages."""
    english = build.site.shared_docs_dir / src_uri
    return english if build.site.translated and english.is_file() else None


def orphan_translation(build: Build, src_uri: str) -> bool:
    """A translated page whose English page does not exist (renamed or deleted)."""
    return build.site.translated and english_file(build, src_uri) is None


def check_nav(build: Build, pages: Iterable[str]) -> None:
    """Pages missing from the menu are reported at the end, with the cross-page checks."""
    if build.site.nav is not None:
        in_nav = set(nav_pages(build.site.nav))
        build.safety_net.not_in_nav = [
            page for page in pages if page not in in_nav and not orphan_translation(build, page)
        ]  # a translation with no English page has that one problem


# --- 2. Markdown steps, for each page and the PDF ---


def page_markdown_configs(build: Build) -> dict[str, Any]:
    """The pages' Markdown extension settings, the glossary's words read once per build
    (`glossary.read_once`) instead of appended to every page."""
    site = build.site
    return glossary.read_once(site.markdown_extensions, site.mdx_configs, site.project_dir)


def prepare_markdown(
    build: Build, markdown: str, path: str, first_line: int
) -> tuple[str, list[Problem]]:
    """The page's Markdown with missing includes defused, placeholders filled, shared boxes and
    Markdown-stage markers in place. The rewrites keep line numbers as they are."""
    markdown = build.safety_net.defuse(markdown)
    values = build.clinic.placeholder_values(build.ui)
    markdown, problems = placeholders.fill_placeholders(markdown, values, path, first_line)
    # After the page's own placeholders, so their line numbers match the page file.
    markdown, more = placeholders.include_shared_text(markdown, values, build.site.project_dir)
    markdown, _ = markers.replace_stage(
        markdown, "markdown", {"glossary": lambda: glossary.glossary_html(build.glossary)}
    )
    return markdown, problems + more


def markdown_steps(build: Build, page: PageInfo, markdown: str) -> str:
    """Prepare the page's Markdown (step 2); its source was checked by `check_files`."""
    source_file = build.site.docs_dir / page.src_uri
    source = read_source(source_file) if source_file.is_file() else ""
    # Measured before any rewriting; the rewrites below keep line numbers as they are.
    first_line = placeholders.body_start_line(source or markdown, markdown)
    problem = demo_video.front_matter_problem(page.meta.get("demo_video"), page.path, source)
    build.report([problem] if problem else [])
    markdown, problems = prepare_markdown(build, markdown, page.path, first_line)
    build.report(problems)
    build.pages_with_pain_map.discard(page.src_uri)  # an earlier render of it (mkdocs serve)
    if markers.MARKERS["pain-map"].text in markdown:
        build.pages_with_pain_map.add(page.src_uri)
    return markdown


def page_meta_values(build: Build, page: PageInfo) -> dict[str, Any]:
    """What templates read from `page.meta`: review box, sources, link previews, JSON-LD,
    the video player and the page's own scripts."""
    site = build.site
    meta, translation = _translation_meta(build, page)
    review = page_meta.review_context(meta, ui=build.ui)
    sources = page_meta.normalise_sources(meta.get("sources"), build.ui.language)
    title = str(page.meta.get("title") or page.title or site.site_name)
    description = str(page.meta.get("description") or site.site_description or "")
    url = urljoin(site.site_url, page.url) if site.site_url else ""
    values: dict[str, Any] = {
        "review": review,
        "sources": sources,
        "social_meta": structured_data.social_meta(
            title=title,
            description=description,
            url=url,
            site_name=site.site_name,
            locale=site.language.locale,
        ),
        "json_ld": structured_data.medical_web_page(
            title=title,
            description=description,
            url=url,
            review=review,
            sources=sources,
            publisher=build.clinic.name or site.site_name,
            locale=site.language.locale,
            about=structured_data.therapy(
                build.ui.t("therapy_name"),
                build.ui.t("therapy_alternate_name"),
            ),
        ),
    }
    values.update(translation)
    values["language_links"] = language_links(site, page.url)
    video = build.video
    on_transcript_page = video is not None and page.src_uri == video.transcript
    # Until the video is set (no id, no src), no page shows a player: an empty poster looks
    # unfinished and distracts (PEMAT-P items 15 and 16); the pages say the video is coming.
    if video is not None and meta.get("demo_video") is True and video.mode != "pending":
        values["video_player"] = demo_video.template_context(
            video, page_url(video.transcript), on_transcript_page=on_transcript_page
        )
    # Feature scripts load only on the pages that use them (main.html, block scripts).
    values["page_scripts"] = [
        script
        for script, used in (
            (demo_video.SCRIPT, values.get("video_player", {}).get("mode") == "youtube"),
            (body_map.SCRIPT, page.src_uri in build.pages_with_pain_map),
        )
        if used
    ]
    return values


def _translation_meta(build: Build, page: PageInfo) -> tuple[dict[str, Any], dict[str, Any]]:
    """The page's front matter (a translation's with its English page's dates, reviewer and
    sources), and for a translation published out of date on purpose, its notice's link."""
    english = english_file(build, page.src_uri)
    if english is None:
        return dict(page.meta), {}
    english_meta, _ = read_front_matter(read_source(english))
    meta = translations.merged_meta(page.meta, english_meta)
    stale = page.meta.get(translations.FLAG_KEY) is True and str(
        page.meta.get(translations.HASH_KEY) or ""
    ) != translations.source_hash(read_source(english))
    # The page's template and hidden parts, as in English (the generator reads them from meta).
    values: dict[str, Any] = {key: meta[key] for key in ("template", "hide") if key in meta}
    if stale:
        values["out_of_date_english"] = languages.switch_href(
            build.site.language, languages.DEFAULT, page.url
        )
    return meta, values


def language_links(site: Site, url: str) -> dict[str, Any]:
    """The language switch (the same page in the other language) and the `hreflang` links."""
    return {
        "lang": site.language.code,
        "switch": [
            {
                "code": other.code,
                "name": other.name,
                "href": languages.switch_href(site.language, other, url),
            }
            for other in languages.others(site.language)
        ],
        "alternates": [
            {"hreflang": code, "href": href}
            for code, href in languages.alternates(site.root_url, url)
        ],
    }


# --- 3. HTML content steps, for each page's rendered Markdown ---


def _html_markers(build: Build, handout_href: str | None) -> dict[str, Callable[[], str]]:
    """How each HTML-stage marker renders; `handout_href` None: in the PDF, where the link goes."""
    clinic = build.clinic
    label = build.handout.label if build.handout else ""
    return {
        "pain-map": lambda: body_map.render_body_map(build.referral_patterns, clinic, build.ui),
        "handout-link": lambda: (
            f"<p>{handout_pdf.link_html(handout_href, label)}</p>"
            if handout_href is not None and label
            else ""
        ),
        "clinic-contact": lambda: clinic.contact_list(build.ui),
        # Bare, a staff error (markers.check_markers); with arguments: html_marker_steps.
        "side-effects": lambda: "",
    }


def html_marker_steps(build: Build, html: str, handout_href: str | None) -> str:
    """The HTML-stage markers of the registry, then the side-effect figures (markers with arguments)."""
    html, _ = markers.replace_stage(html, "html", _html_markers(build, handout_href))
    return side_effects.insert_figures(html, build.side_effects, build.ui)


def content_steps(build: Build, page: PageInfo, html: str) -> str:
    """Step 3: markers, print links, first-use tooltips. Keeps the result for the cross-page checks."""
    href = relative_url(handout_pdf.PDF_PATH, page.link_base or ".")
    html = html_marker_steps(build, html, href)
    html = print_links.add_print_urls(html, build.site.site_url, page.link_base)
    html = admonition_headings.title_headings(html)
    html = glossary.first_use_only(html)
    if html:
        build.rendered[page.src_uri] = html
    return html


def _build_handout(build: Build) -> None:
    site = build.site
    if site.translated and not (site.docs_dir / handout_pdf.SOURCE).is_file():
        return  # a missing translation: reported by check_files
    if not build.ui.words:
        return  # the interface words file cannot be read: reported by start
    page = PageInfo(handout_pdf.SOURCE, page_url(handout_pdf.SOURCE), {})
    build.handout, problems = handout_pdf.build_handout(
        site.docs_dir,
        build.clinic,
        site.site_url,
        site.markdown_extensions,
        site.mdx_configs,
        lambda markdown: prepare_markdown(build, markdown, page.path, 1)[0],
        lambda html: html_marker_steps(build, html, None),
        os.environ.get("SOURCE_DATE_EPOCH"),
        build.ui,
        lambda meta: _translation_meta(build, PageInfo(handout_pdf.SOURCE, page.url, meta))[0],
        site.shared_docs_dir if site.translated else site.docs_dir,  # pictures: docs/assets/
        site.project_dir / CACHE_DIR,
    )
    build.report(problems)


# --- 4. Page finishing, for each finished HTML file (pages and 404.html) ---


def finish_page(html: str) -> str:
    html = theme_fixes.drop_checkbox_autocomplete(html)
    html = theme_fixes.drop_prev_next_links(html)
    html = theme_fixes.drop_unused_translations(html)
    html = page_html.minify_inline_scripts(html)
    html = page_html.load_scripts_after_first_paint(html)
    html = page_html.drop_comments(html)
    html = page_html.trim_indentation(html)
    html = reading_order.text_first(html)  # after trimming: its data blocks are scripts
    return csp.add_security_meta(html)  # last: the CSP hashes the final inline scripts


# --- 5. The whole site ---


def cross_page_checks(build: Build, only: Collection[str] | None = None) -> None:
    """Checks that need every page rendered: section links, reading level, the menu, the map.
    `only`: the pages `mkdocs serve` rendered again (scripts/preview.py)."""
    net = build.safety_net
    build.report(net.finish(build.rendered, net.not_in_nav, only))
    map_page = build.site.docs_dir / body_map.PAGE
    if map_page.is_file() or not build.site.translated:  # a missing translation: reported already
        path = build.safety_net.display_path(map_page)
        build.report(body_map.missing_marker_problems(len(build.pages_with_pain_map), path))


def language_build_failed(config_name: str) -> str:
    """What the English build says when a translation's build (mkdocs.es.yml) stopped."""
    return str(
        Problem(
            config_name,
            1,
            "this language's pages did not build. Fix the problems listed above (each names "
            "its file and line), then build again.",
        )
    )


def finish_site(build: Build, site_dir: Path) -> None:
    minify.minify_site_assets(build.site.shared_docs_dir, site_dir)
    theme_fixes.fix_theme_scripts(site_dir)
    if build.handout:
        handout_pdf.save(site_dir, build.handout)
    # After minifying: each page's CSS is copied from the stylesheets as served.
    cache = critical_css.CriticalCache.load(critical_css_cache_file(build.site))
    critical_css.inline_site(site_dir, build.site.site_url, cache)
    # Last: the inlined CSS counts. Each page's HTML file and the Markdown it is built from.
    sources = {
        page_url(src_uri) + "index.html": build.safety_net.display_path(
            build.site.docs_dir / src_uri
        )
        for src_uri in build.rendered
    }
    build.report(page_html.over_first_round_trip_problems(site_dir, sources))


# What earlier builds worked out (not committed; safe to delete): each page's inlined CSS,
# the handout PDFs, Material's compiled templates. Not `.cache/`: Zensical empties it.
CACHE_DIR = Path(".build-cache")
CRITICAL_CSS_CACHE = CACHE_DIR / "critical-css.json"
CLEAN_PAGES_CACHE = CACHE_DIR / "clean-pages.json"  # scripts/checks/clean_pages.py


def cache_dir(site: Site, name: str) -> Path:
    """A folder of the build cache (`.build-cache/jinja`), made if missing."""
    folder = site.project_dir / CACHE_DIR / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def critical_css_cache_file(site: Site) -> Path:
    return language_cache_file(site, CRITICAL_CSS_CACHE)


def language_cache_file(site: Site, name: Path) -> Path:
    """One cache file per language (`.build-cache/critical-css.es.json`): each build keeps only the
    entries its own pages used, so a shared file would lose the other language's every time."""
    if site.translated:
        name = name.with_suffix(f".{site.language.code}{name.suffix}")
    return site.project_dir / name
