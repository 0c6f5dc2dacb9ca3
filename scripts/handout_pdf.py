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
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import markdown

from scripts import markdown_checks, placeholders, side_effects
from scripts.page_meta import normalise_sources
from scripts.problems import Problem

SOURCE = "handout.md"
PDF_PATH = "handout/trigger-point-dry-needling-handout.pdf"
HANDOUT_LINK_MARKER = "<!-- handout-link -->"
CLINIC_CONTACT_MARKER = "<!-- clinic-contact -->"
STYLESHEET = Path(__file__).with_name("handout_pdf.css")
MAX_PAGES = 2
FRONT_MATTER = re.compile(r"\A---\s*\n(?P<yaml>.*?\n)(?:---|\.\.\.)\s*\n", re.DOTALL)
MD_LINK = re.compile(r'href="(?P<href>[^"#:]+?\.md)(?P<anchor>#[^"]*)?"')


@dataclass(frozen=True)
class HandoutPdf:
    pdf: bytes
    pages: int

    @property
    def size_kb(self) -> int:
        return max(1, math.ceil(len(self.pdf) / 1024))

    @property
    def label(self) -> str:
        return link_label(self.pages, len(self.pdf))


def link_label(pages: int, size_bytes: int) -> str:
    """`Download the handout (PDF, 2 pages, 48 KB)`."""
    size_kb = max(1, math.ceil(size_bytes / 1024))
    return f"Download the handout (PDF, {pages} page{'' if pages == 1 else 's'}, {size_kb} KB)"


def link_html(href: str, label: str) -> str:
    return f'<a class="handout-link" href="{html.escape(href)}" type="application/pdf">{html.escape(label)}</a>'


def replace_handout_link(page_html: str, href: str, label: str) -> str:
    """Replace each `<!-- handout-link -->` with the link (a paragraph of its own if it stood alone)."""
    link = link_html(href, label)
    return page_html.replace(f"<p>{HANDOUT_LINK_MARKER}</p>", f"<p>{link}</p>").replace(
        HANDOUT_LINK_MARKER, f"<p>{link}</p>"
    )


def clinic_contact_html(clinic: Mapping[str, Any]) -> str:
    """The clinic's contact details from `extra.clinic`, as a list (used on the page and in the PDF)."""
    esc = {key: html.escape(str(value)) for key, value in clinic.items()}
    items = []
    if esc.get("phone"):
        items.append(f'Phone: <a href="tel:{esc.get("phone_tel", "")}">{esc["phone"]}</a>')
    if esc.get("hours"):
        items.append(f"Open: {esc['hours']}")
    if esc.get("address"):
        items.append(f"Address: {esc['address']}")
    if esc.get("email"):
        items.append(f'Email: <a href="mailto:{esc["email"]}">{esc["email"]}</a>')
    if esc.get("booking_url"):
        items.append(f'Book online: <a href="{esc["booking_url"]}">{esc["booking_url"]}</a>')
    lines = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul class="clinic-contact"><li><strong>{esc.get("name", "")}</strong></li>{lines}</ul>'


def replace_clinic_contact(page_html: str, clinic: Mapping[str, Any]) -> str:
    block = clinic_contact_html(clinic)
    return page_html.replace(f"<p>{CLINIC_CONTACT_MARKER}</p>", block).replace(
        CLINIC_CONTACT_MARKER, block
    )


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    import yaml

    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = yaml.safe_load(match["yaml"]) or {}
    return (meta if isinstance(meta, dict) else {}), text[match.end() :]


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
    reviewed = meta.get("last_reviewed")
    if isinstance(reviewed, dt.date):
        return dt.datetime(reviewed.year, reviewed.month, reviewed.day, tzinfo=dt.UTC)
    if source_date_epoch and source_date_epoch.isdigit():
        return dt.datetime.fromtimestamp(int(source_date_epoch), tz=dt.UTC)
    return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def handout_document(
    body_html: str,
    meta: Mapping[str, Any],
    clinic: Mapping[str, Any],
    site_url: str,
    date: dt.datetime,
) -> str:
    """The full HTML page WeasyPrint turns into the PDF."""
    title = str(meta.get("title") or "Trigger point dry needling: patient handout")
    description = str(meta.get("description") or "")
    name = str(clinic.get("name", ""))
    phone = str(clinic.get("phone", ""))
    footer_left = " · ".join(part for part in (name, phone) if part)
    stamp = date.strftime("%Y-%m-%dT%H:%M:%SZ")
    reviewed = f"{date.day} {date.strftime('%B')} {date.year}"
    css = STYLESHEET.read_text(encoding="utf-8").replace(
        "/*FOOTER_LEFT*/", _css_string(footer_left)
    )
    esc = {key: html.escape(str(value)) for key, value in clinic.items()}
    site = html.escape(site_url)
    sources = "".join(
        f"<li>{html.escape(source['text'])}"
        + (
            f' <a href="{html.escape(source["url"])}">{html.escape(source["url"])}</a>'
            if source["url"]
            else ""
        )
        + "</li>"
        for source in normalise_sources(meta.get("sources"))
    )
    sources_html = (
        f'<section class="sources"><h2>Sources</h2><ol>{sources}</ol></section>' if sources else ""
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<meta name="author" content="{esc.get("name", "")}">
<meta name="description" content="{html.escape(description)}">
<meta name="dcterms.created" content="{stamp}">
<meta name="dcterms.modified" content="{stamp}">
<style>{css}</style>
</head>
<body>
<header class="masthead">
<p class="masthead__clinic">{esc.get("name", "")}</p>
<p class="masthead__contact">Phone: <strong>{esc.get("phone", "")}</strong> · {esc.get("address", "")}</p>
<p class="masthead__contact">{esc.get("hours", "")} · <a href="{site}">{site}</a></p>
</header>
<main>
{body_html}
</main>
{sources_html}
<footer class="review">
<p>Last reviewed {reviewed} by {html.escape(str(meta.get("reviewed_by", "")))}.
This handout gives general information, not medical advice. The full, up-to-date version is at
<a href="{site}">{site}</a>.</p>
</footer>
</body>
</html>
"""


def write_pdf(document_html: str, base_url: str) -> HandoutPdf:
    """Render with WeasyPrint: tagged PDF/UA-1, fonts embedded, a stable file identifier."""
    from weasyprint import HTML

    rendered = HTML(string=document_html, base_url=base_url).render(pdf_variant="pdf/ua-1")
    identifier = hashlib.sha256(document_html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    pdf = rendered.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier)
    assert pdf is not None
    return HandoutPdf(pdf=pdf, pages=len(rendered.pages))


def build_handout(
    docs_dir: Path,
    clinic: Mapping[str, Any],
    site_url: str,
    extensions: Sequence[Any],
    extension_configs: Mapping[str, Any],
    source_date_epoch: str | None = None,
) -> tuple[HandoutPdf | None, list[Problem]]:
    """Build the PDF from docs/handout.md, or say what is wrong."""
    source = docs_dir / SOURCE
    path = f"docs/{SOURCE}"
    if not source.is_file():
        return None, [
            Problem(
                path,
                1,
                "the handout page is missing. Restore docs/handout.md: "
                "it is the source of the printable PDF.",
            )
        ]
    meta, body = split_front_matter(source.read_text(encoding="utf-8"))
    # The same Markdown preparation as the web page, so the two cannot drift apart. Problems
    # (a misspelt placeholder, a missing include) are reported once, by the page build.
    project_dir = docs_dir.parent  # includes/ sits beside docs/
    values = placeholders.clinic_values(clinic)
    body, _ = placeholders.fill_placeholders(body, values, path)
    body, _ = placeholders.include_shared_text(body, values, project_dir)
    body = markdown_checks.defuse_missing_snippets(body, project_dir)
    body_html = render_markdown(body, extensions, extension_configs)
    body_html = replace_clinic_contact(body_html.replace(HANDOUT_LINK_MARKER, ""), clinic)
    # The same figures as the web pages; the file's problems are reported once, by the page build.
    body_html = side_effects.insert_figures(body_html, side_effects.load_figures_file(docs_dir)[0])
    body_html = absolute_links(body_html, site_url)
    document = handout_document(
        body_html, meta, clinic, site_url, document_date(meta, source_date_epoch)
    )
    handout = write_pdf(document, base_url=str(docs_dir))
    if handout.pages > MAX_PAGES:
        return handout, [
            Problem(
                path,
                1,
                f"the printed handout is {handout.pages} pages long; "
                f"it must fit on {MAX_PAGES}. Shorten docs/handout.md.",
            )
        ]
    return handout, []


def save(site_dir: Path, handout: HandoutPdf) -> Path:
    """Write the PDF into the built site."""
    target = site_dir / PDF_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(handout.pdf)
    return target
