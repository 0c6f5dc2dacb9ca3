"""The printable handout: `docs/handout.md` rendered with the site's Markdown settings into a PDF.

The same Markdown is the web page `handout/` and the PDF, so they never disagree. Clinic
details are never typed into the Markdown: they come from `extra.clinic` in mkdocs.yml.
The PDF is US Letter, tagged (PDF/UA-1), with fonts embedded, and byte-identical for the
same source: its dates come from the page's `last_reviewed` (or SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
import markdown

from scripts import interface
from scripts.checks.front_matter_checks import read_front_matter
from scripts.clinic import Clinic
from scripts.interface import Interface
from scripts.problems import Problem
from scripts.steps.page_meta import as_date, normalise_sources

SOURCE = "handout.md"
PDF_PATH = "handout/trigger-point-dry-needling-handout.pdf"
STYLESHEET = Path(__file__).with_name("handout_pdf.css")
TEMPLATE = Path(__file__).with_name("handout_pdf.html")
MAX_PAGES = 2
MD_LINK = re.compile(r'href="(?P<href>[^"#:]+?\.md)(?P<anchor>#[^"]*)?"')


@dataclass(frozen=True)
class HandoutPdf:
    pdf: bytes
    pages: int
    ui: Interface | None = None  # the words of its link (English by default)

    @property
    def size_kb(self) -> int:
        return max(1, math.ceil(len(self.pdf) / 1024))

    @property
    def label(self) -> str:
        return link_label(self.pages, len(self.pdf), self.ui)


def link_label(pages: int, size_bytes: int, ui: Interface | None = None) -> str:
    """`Download the handout (PDF, 2 pages, 48 KB)`, in the interface's language."""
    t = (ui or interface.default()).t
    size_kb = max(1, math.ceil(size_bytes / 1024))
    word = t("page_one" if pages == 1 else "page_many")
    return t("handout_link", pages=pages, page_word=word, size=size_kb)


def link_html(href: str, label: str) -> str:
    return f'<a class="handout-link" href="{html.escape(href)}" type="application/pdf">{html.escape(label)}</a>'


def render_markdown(
    body: str, extensions: Sequence[Any], extension_configs: Mapping[str, Any]
) -> str:
    """Markdown to HTML with the same extensions as the site."""
    md = markdown.Markdown(extensions=list(extensions), extension_configs=dict(extension_configs))
    return str(md.convert(body))


def absolute_links(body_html: str, site_url: str, source_dir: str = "") -> str:
    """Links to other pages (`aftercare.md`) become full web addresses, which work on paper and in a PDF.

    Like MkDocs, a link is relative to the folder of the Markdown file (`source_dir`, "" for docs/).
    """

    def replace(match: re.Match[str]) -> str:
        target = match["href"].removesuffix(".md")
        target = "" if target in ("index", "./index") else target.removesuffix("/index") + "/"
        return f'href="{urljoin(urljoin(site_url, source_dir), target)}{match["anchor"] or ""}"'

    return MD_LINK.sub(replace, body_html)


def document_date(meta: Mapping[str, Any], source_date_epoch: str | None) -> dt.datetime:
    """A fixed date for the PDF's metadata: the page's last_reviewed, else SOURCE_DATE_EPOCH, else 1 Jan 2000."""
    reviewed = as_date(meta.get("last_reviewed"))
    if reviewed is not None:
        return dt.datetime(reviewed.year, reviewed.month, reviewed.day, tzinfo=dt.UTC)
    if source_date_epoch and source_date_epoch.isdigit():
        return dt.datetime.fromtimestamp(int(source_date_epoch), tz=dt.UTC)
    return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _page_counter(words: str) -> str:
    """CSS `content` for words like "Page {page} of {pages}": text as strings, numbers as counters."""
    parts = re.split(r"\{(pages?)\}", words)
    return " ".join(
        f"counter({part})" if index % 2 else _css_string(part)
        for index, part in enumerate(parts)
        if part
    )


def handout_document(
    body_html: str,
    meta: Mapping[str, Any],
    clinic: Clinic,
    site_url: str,
    date: dt.datetime,
    ui: Interface | None = None,
) -> str:
    """The full HTML page WeasyPrint turns into the PDF, in the interface's language."""
    ui = ui or interface.default()
    title = str(meta.get("title") or ui.t("handout_title"))
    description = str(meta.get("description") or "")
    footer_left = " · ".join(part for part in (clinic.name, clinic.phone) if part)
    stamp = date.strftime("%Y-%m-%dT%H:%M:%SZ")
    reviewed = ui.long_date(date.day, date.month, date.year)
    next_review = as_date(meta.get("next_review"))
    css = (
        STYLESHEET.read_text(encoding="utf-8")
        .replace("/*FOOTER_LEFT*/", _css_string(footer_left))
        .replace("/*PAGE_OF*/", _page_counter(ui.t("handout_page_of")))
    )
    template = _template_environment().from_string(TEMPLATE.read_text(encoding="utf-8"))
    return template.render(
        title=title,
        description=description,
        clinic=clinic,
        stamp=stamp,
        css=css,
        site_url=site_url,
        body_html=body_html,
        sources=normalise_sources(meta.get("sources"), ui.language),
        reviewed=ui.t("handout_reviewed", date=reviewed, reviewer=meta.get("reviewed_by", "")),
        next_review=(
            ui.t(
                "handout_next_review",
                date=ui.long_date(next_review.day, next_review.month, next_review.year),
            )
            if next_review
            else ""
        ),
        disclosure=clinic.fields().get("disclosure", ""),
        lang=ui.language,
        ui=ui.words,
    )


def _template_environment() -> jinja2.Environment:
    """Plain text in, `e` escapes (html.escape, quotes too), the file's last newline kept."""
    environment = jinja2.Environment(autoescape=False, keep_trailing_newline=True)
    environment.filters["e"] = html.escape
    return environment


def write_pdf(document_html: str, base_url: str, ui: Interface | None = None) -> HandoutPdf:
    """Render with WeasyPrint: tagged PDF/UA-1, fonts embedded, a stable file identifier."""
    from weasyprint import HTML

    rendered = HTML(string=document_html, base_url=base_url).render(pdf_variant="pdf/ua-1")
    identifier = hashlib.sha256(document_html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    pdf = rendered.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier)
    assert pdf is not None
    return HandoutPdf(pdf=pdf, pages=len(rendered.pages), ui=ui)


# The last PDFs made in this process (one per language), by the hash of its document and of the files it shows:
# `mkdocs serve` rebuilds the site on every save, and the PDF only when its sources changed.
_LAST: dict[str, HandoutPdf] = {}
_SHOWN_FILE = re.compile(r"""\bsrc=["']([^"':]+)["']""")


def _renderer_versions() -> str:
    """What else decides the PDF's bytes: the versions of WeasyPrint and its PDF writer."""
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for name in ("weasyprint", "pydyf"):
        try:
            versions.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            versions.append(name)
    return " ".join(versions)


def write_pdf_when_changed(
    document_html: str,
    docs_dir: Path,
    ui: Interface | None = None,
    cache_dir: Path | None = None,
    cache_name: str | None = None,
) -> HandoutPdf:
    """`write_pdf`, unless the document and every file it shows are as in the last call, or
    (with `cache_dir`) as when the PDF in that folder was made: a build with unchanged sources
    neither renders the PDF nor imports WeasyPrint. Files it shows are read from `docs_dir`;
    `cache_name` (default: `docs_dir`'s name) keeps one cached PDF per language."""
    name = cache_name or docs_dir.name
    digest = hashlib.sha256(document_html.encode("utf-8"))
    digest.update(str(docs_dir.resolve()).encode("utf-8"))
    for shown_name in sorted(set(_SHOWN_FILE.findall(document_html))):
        shown = docs_dir / shown_name
        digest.update(shown_name.encode() + (shown.read_bytes() if shown.is_file() else b""))
    key = digest.hexdigest()
    if key in _LAST:
        return _LAST[key]
    if len(_LAST) >= 4:  # older versions of the handouts
        _LAST.clear()
    stored = _stored_pdf(cache_dir, name, key, ui)
    if stored is None:
        stored = write_pdf(document_html, base_url=str(docs_dir), ui=ui)
        _store_pdf(cache_dir, name, key, stored)
    _LAST[key] = stored
    return stored


def _cache_files(cache_dir: Path, name: str) -> tuple[Path, Path]:
    """One PDF per language (`handout-docs.pdf`, `handout-docs-es.pdf`) and what it was made from."""
    return cache_dir / f"handout-{name}.pdf", cache_dir / f"handout-{name}.json"


def _stored_pdf(
    cache_dir: Path | None, name: str, key: str, ui: Interface | None
) -> HandoutPdf | None:
    if cache_dir is None:
        return None
    pdf_file, about_file = _cache_files(cache_dir, name)
    try:
        about = json.loads(about_file.read_text(encoding="utf-8"))
        pdf = pdf_file.read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(about, dict) or about.get("key") != key:
        return None
    if about.get("renderer") != _renderer_versions() or not isinstance(about.get("pages"), int):
        return None
    if about.get("sha256") != hashlib.sha256(pdf).hexdigest():
        return None
    return HandoutPdf(pdf=pdf, pages=about["pages"], ui=ui)


def _store_pdf(cache_dir: Path | None, name: str, key: str, handout: HandoutPdf) -> None:
    if cache_dir is None:
        return
    pdf_file, about_file = _cache_files(cache_dir, name)
    about = {
        "key": key,
        "renderer": _renderer_versions(),
        "pages": handout.pages,
        "sha256": hashlib.sha256(handout.pdf).hexdigest(),
    }
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        pdf_file.write_bytes(handout.pdf)
        about_file.write_text(json.dumps(about, sort_keys=True), encoding="utf-8")
    except OSError:
        pass  # a read-only project: the next build renders the PDF again


def build_handout(
    docs_dir: Path,
    clinic: Clinic,
    site_url: str,
    extensions: Sequence[Any],
    extension_configs: Mapping[str, Any],
    prepare_markdown: Callable[[str], str],
    finish_html: Callable[[str], str],
    source_date_epoch: str | None = None,
    ui: Interface | None = None,
    page_meta: Callable[[dict[str, Any]], dict[str, Any]] = dict,
    assets_dir: Path | None = None,
    cache_dir: Path | None = None,
) -> tuple[HandoutPdf | None, list[Problem]]:
    """Build the PDF from docs/handout.md (docs-es/handout.md: in Spanish, with `ui`'s words;
    `page_meta` adds what a translation takes from its English page), or say what is wrong.
    Pictures (`assets/images/...`) are read from `assets_dir`, the folder the site's assets
    live in (docs/ for every language), else from `docs_dir`. With `cache_dir`, the PDF last
    made there is reused while its sources are unchanged."""
    source = docs_dir / SOURCE
    path = f"{docs_dir.name}/{SOURCE}"
    if not source.is_file():
        return None, [
            Problem(
                path,
                1,
                f"the handout page is missing. Restore {path}: "
                "it is the source of the printable PDF.",
            )
        ]
    own_meta, body = read_front_matter(source.read_text(encoding="utf-8"))
    meta = page_meta(own_meta)
    # The same Markdown and HTML steps as the web page (scripts/pipeline.py), so the two cannot
    # drift apart. Their problems (a misspelt placeholder) are reported once, by the page build.
    body_html = render_markdown(prepare_markdown(body), extensions, extension_configs)
    body_html = absolute_links(finish_html(body_html), site_url)
    document = handout_document(
        body_html, meta, clinic, site_url, document_date(meta, source_date_epoch), ui
    )
    handout = write_pdf_when_changed(document, assets_dir or docs_dir, ui, cache_dir, docs_dir.name)
    if handout.pages > MAX_PAGES:
        return handout, [
            Problem(
                path,
                1,
                f"the printed handout is {handout.pages} pages long; "
                f"it must fit on {MAX_PAGES}. Shorten {path}.",
            )
        ]
    return handout, []


def save(site_dir: Path, handout: HandoutPdf) -> Path:
    """Write the PDF into the built site."""
    target = site_dir / PDF_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(handout.pdf)
    return target
