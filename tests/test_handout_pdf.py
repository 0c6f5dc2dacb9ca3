"""The printable handout: one Markdown source, a tagged 1-2 page PDF with the clinic's details from
mkdocs.yml, the same bytes on every build, and a link with its size on every page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from pypdf import PdfReader
from test_build import load_config

from scripts.checks.front_matter_checks import read_front_matter
from scripts.checks.readability import MAX_GRADE, page_grade
from scripts.clinic import Clinic
from scripts.interface import Interface
from scripts.steps import handout_pdf

PDF = handout_pdf.PDF_PATH


def clinic_config() -> dict[str, str]:
    return dict(load_config()["extra"]["clinic"])


def pdf_text(path: Path) -> str:
    """The PDF's words, with line breaks after a hyphen ("hands-\non") joined up again."""
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)
    return re.sub(r"-\s+", "-", text)


def handout_sentences() -> list[str]:
    """Plain sentences of docs/handout.md (no Markdown marks), to find in the PDF."""
    _, body = read_front_matter((ROOT / "docs" / handout_pdf.SOURCE).read_text(encoding="utf-8"))
    paragraphs = [" ".join(block.split()) for block in body.split("\n\n")]
    plain = [
        block
        for block in paragraphs
        if block and block[0].isalpha() and "*" not in block and "[" not in block
    ]
    return [
        sentence
        for block in plain
        for sentence in re.split(r"(?<=\.)\s+", block)
        if len(sentence) > 30
    ]


# --- Unit tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "size", "expected"),
    [
        (2, 48 * 1024, "Download the handout (PDF, 2 pages, 48 KB)"),
        (1, 100, "Download the handout (PDF, 1 page, 1 KB)"),
        (2, 48 * 1024 + 1, "Download the handout (PDF, 2 pages, 49 KB)"),
    ],
)
def test_link_label(pages: int, size: int, expected: str) -> None:
    assert handout_pdf.link_label(pages, size) == expected


def test_link_html_escapes_the_address() -> None:
    out = handout_pdf.link_html("../handout/x.pdf?a=1&b=2", "Download <the> handout")
    assert out == (
        '<a class="handout-link" href="../handout/x.pdf?a=1&amp;b=2" type="application/pdf">'
        "Download &lt;the&gt; handout</a>"
    )


def test_clinic_contact_comes_from_config() -> None:
    clinic = Clinic.from_config({"name": "A & B Clinic", "phone": "(541) 555-0199", "state": "OR"})
    html = clinic.contact_list()
    assert "A &amp; B Clinic" in html and 'href="tel:+15415550199">(541) 555-0199<' in html
    assert clinic.placeholder_values()["clinic.state"] == "OR"  # any other key is a placeholder


def test_page_links_become_web_addresses() -> None:
    html = '<a href="aftercare.md#call">x</a> <a href="index.md">y</a> <a href="https://a.org/b.md">z</a>'
    out = handout_pdf.absolute_links(html, "https://example.org/site/")
    assert 'href="https://example.org/site/aftercare/#call"' in out
    assert 'href="https://example.org/site/"' in out
    assert 'href="https://a.org/b.md"' in out


def test_page_numbers_in_the_interface_language() -> None:
    assert handout_pdf._page_counter("Page {page} of {pages}") == (
        '"Page " counter(page) " of " counter(pages)'
    )
    assert handout_pdf._page_counter("{page}/{pages}") == 'counter(page) "/" counter(pages)'


def test_document_date_is_fixed() -> None:
    assert handout_pdf.document_date({"last_reviewed": dt.date(2026, 11, 23)}, "0") == dt.datetime(
        2026, 11, 23, tzinfo=dt.UTC
    )
    assert handout_pdf.document_date({}, "86400") == dt.datetime(1970, 1, 2, tzinfo=dt.UTC)


# --- The PDF in the built site --------------------------------------------------------------------


def test_pdf_is_letter_one_or_two_pages_tagged_with_language_title_and_fonts(
    built_site: Path,
) -> None:
    path = built_site / PDF
    assert path.is_file()
    reader = PdfReader(path)
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        assert [round(float(v)) for v in page.mediabox] == [0, 0, 612, 792]  # US Letter
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert str(root["/Lang"]) == "en"
    assert reader.metadata is not None and reader.metadata.title
    assert str(reader.metadata.title).startswith("Trigger point dry needling")
    assert "pdfuaid" in reader.xmp_metadata.stream.get_data().decode("utf-8", "replace")  # type: ignore[union-attr]
    fonts = [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts
    for font in fonts:
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"]
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font[
            "/BaseFont"
        ]


def test_pdf_text_has_clinic_details_and_the_handout_words(built_site: Path) -> None:
    text = pdf_text(built_site / PDF)
    clinic = clinic_config()
    assert clinic["phone"] in text
    assert clinic["name"] in text
    sentences = handout_sentences()
    assert len(sentences) >= 3
    missing = [sentence for sentence in sentences if sentence not in text]
    assert not missing, missing
    for must in ("72 hours", "911", "shortness of breath", "chest pain"):
        assert must in text


def test_emergency_advice_is_on_the_first_page(built_site: Path) -> None:
    first_page = " ".join((PdfReader(built_site / PDF).pages[0].extract_text() or "").split())
    for words in ("When to call us", "Call 911", "shortness of breath", "chest pain"):
        assert words in first_page, f"'{words}' is not on page 1 of the handout"


def tagged_figures(path: Path) -> list[tuple[int, str]]:
    """Each /Figure in the PDF's tag tree: the page it is on (from 0) and its alternative text."""
    reader = PdfReader(path)
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}  # type: ignore[union-attr]
    found: list[tuple[int, str]] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not isinstance(node, dict):
            return
        if node.get("/S") == "/Figure":
            page = node.get("/Pg")
            found.append((pages.get(page.idnum, -1) if page else -1, str(node.get("/Alt", ""))))
        if "/K" in node:
            walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.parametrize("language", ["en", "es"])
def test_lung_zone_drawing_is_beside_the_911_box_with_its_alt_text(
    built_site: Path, language: str
) -> None:
    """PEMAT 15 and 26 on paper: the safety page's lung-zone drawing, tagged as a figure with the
    page's own alt text (PDF/UA), on page 1 next to the call-911 box; a picture of the Spanish
    handout comes from docs/assets/images/es/, as on the web page."""
    folder = "docs" if language == "en" else "docs-es"
    _, body = read_front_matter((ROOT / folder / handout_pdf.SOURCE).read_text(encoding="utf-8"))
    alt = re.search(r"!\[([^\]]+)\]\(assets/images/(?:es/)?lung-zone\.svg\)", body)
    assert alt, f"{folder}/handout.md does not show the lung-zone drawing"
    pdf = built_site / ("" if language == "en" else "es") / PDF
    assert (0, alt.group(1)) in tagged_figures(pdf)
    first_page = " ".join((PdfReader(pdf).pages[0].extract_text() or "").split())
    assert "911" in first_page and "(source 5)" in first_page.replace("fuente", "source")


def test_pdf_dates_come_from_last_reviewed(built_site: Path) -> None:
    info = PdfReader(built_site / PDF).metadata
    assert info is not None
    assert info["/CreationDate"] == info["/ModDate"] == "D:20261123000000Z"


def test_pdf_footer_has_next_review_and_disclosure_from_data(built_site: Path) -> None:
    """JAMA benchmarks on paper too: currency (next review) and disclosure, read from data."""
    text = pdf_text(built_site / PDF)
    meta, _ = read_front_matter((ROOT / "docs" / "handout.md").read_text(encoding="utf-8"))
    due = dt.date.fromisoformat(str(meta["next_review"]))
    assert f"Next review due {due.day} {due:%B} {due.year}." in text
    assert " ".join(clinic_config()["disclosure"].split()) in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_links_the_pdf_with_its_real_size(built_site: Path, language: str) -> None:
    """Each language's pages link their own language's PDF, labelled in that language."""
    from scripts import interface

    root = built_site if language == "en" else built_site / language
    pdf = root / PDF
    ui = interface.default(language)
    label = handout_pdf.link_label(len(PdfReader(pdf).pages), pdf.stat().st_size, ui)
    pages = sorted(root.rglob("index.html"))
    if language == "en":
        pages = [page for page in pages if "es" not in page.relative_to(root).parts[:1]]
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        links = re.findall(
            r'<a[^>]*href="([^"]*trigger-point-dry-needling-handout\.pdf)"[^>]*>([^<]*)</a>', html
        )
        assert links, f"{page} has no link to the handout"
        for href, text in links:
            assert text.strip() == label
            assert (page.parent / href).resolve() == pdf.resolve(), href
    handout_page = (root / "handout" / "index.html").read_text(encoding="utf-8")
    assert "<!-- handout-link -->" not in handout_page and 'class="handout-link"' in handout_page


def test_handout_page_is_plain_language_with_clinic_details(built_site: Path) -> None:
    html = (built_site / "handout" / "index.html").read_text(encoding="utf-8")
    grade = page_grade(html)
    assert grade is not None and grade <= MAX_GRADE, grade
    assert "<!-- clinic-contact -->" not in html
    assert clinic_config()["phone"] in html.split('class="md-footer')[0]


def test_two_builds_give_identical_bytes_and_config_changes_the_pdf(
    built_site: Path, scratch_project: Path
) -> None:
    same = scratch_project / "site-same"
    result = build_site(scratch_project, same)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (same / PDF).read_bytes() == (built_site / PDF).read_bytes()

    config = scratch_project / "mkdocs.yml"
    phone = clinic_config()["phone"]
    config.write_text(
        config.read_text(encoding="utf-8").replace(phone, "(541) 555-0199"), encoding="utf-8"
    )
    changed = scratch_project / "site-changed"
    result = build_site(scratch_project, changed)
    assert result.returncode == 0, result.stdout + result.stderr
    text = pdf_text(changed / PDF)
    assert "(541) 555-0199" in text and phone not in text


def test_a_handout_longer_than_two_pages_fails_the_build(scratch_project: Path) -> None:
    handout = scratch_project / "docs" / "handout.md"
    filler = "\n\n".join(
        "This line makes the handout too long to print on two pages." for _ in range(120)
    )
    handout.write_text(
        handout.read_text(encoding="utf-8") + "\n\n" + filler + "\n", encoding="utf-8"
    )
    result = build_site(scratch_project, scratch_project / "site")
    assert result.returncode != 0
    assert "docs/handout.md:1: the printed handout is" in result.stdout + result.stderr


def test_pdf_gets_placeholders_and_shared_boxes_like_the_web_page(scratch_project: Path) -> None:
    handout = scratch_project / "docs" / "handout.md"
    text = handout.read_text(encoding="utf-8")
    assert '--8<-- "includes/call-911.md"' in text  # the 911 box is written once, in includes/
    # The handout fills its 2 pages: the placeholder takes the place of a sentence as long.
    sentence = "The muscle may give a quick twitch."
    assert sentence in text
    handout.write_text(text.replace(sentence, "Ask us on {{ clinic.phone }}.", 1), encoding="utf-8")
    result = build_site(scratch_project, scratch_project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    words = pdf_text(scratch_project / "site" / PDF)
    assert f"Ask us on {clinic_config()['phone']}." in words
    assert "{{" not in words and "--8<--" not in words
    assert "shortness of breath" in words


def test_the_pdf_is_made_again_only_when_its_sources_change(
    scratch_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdocs serve` starts the build anew on every save: the PDF is remade only when what it
    shows changed (the handout, a shared box, a figure, the clinic's details), not for an
    unrelated page."""
    from scripts import pipeline

    made: list[int] = []
    real_write_pdf = handout_pdf.write_pdf

    def counting_write_pdf(
        document_html: str, base_url: str, ui: Interface | None = None
    ) -> handout_pdf.HandoutPdf:
        made.append(1)
        return real_write_pdf(document_html, base_url, ui)

    monkeypatch.setattr(handout_pdf, "write_pdf", counting_write_pdf)
    warnings: list[str] = []
    site = pipeline.read_site(scratch_project / "mkdocs.yml")

    def build() -> bytes:
        handout = pipeline.start(site, warnings.append).handout
        assert handout is not None
        return handout.pdf

    first = build()
    assert len(made) == 1
    aftercare = scratch_project / "docs" / "aftercare.md"
    aftercare.write_text(aftercare.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    assert build() == first and len(made) == 1  # an unrelated page: the same PDF, not remade
    handout = scratch_project / "docs" / "handout.md"
    text = handout.read_text(encoding="utf-8")
    body = text.index("\n---", 3)  # after the front matter
    assert "muscel" not in text and "muscle" in text[body:]
    handout.write_text(text[:body] + text[body:].replace("muscle", "muscel", 1), "utf-8")
    changed = build()
    assert len(made) == 2 and changed != first  # the handout changed: remade
    assert "muscel" in "".join(page.extract_text() for page in _pdf_pages(changed))
    assert not warnings, warnings


def _pdf_pages(pdf: bytes) -> list[object]:
    import io

    return list(PdfReader(io.BytesIO(pdf)).pages)


def test_an_unchanged_pdf_is_not_rendered_again_by_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every build is a new process: the PDF made last time (`.build-cache/`) is reused while its
    document and the files it shows are unchanged, and made again when one of them changes."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    cache = tmp_path / ".cache"
    document = '<html lang="en"><body><p>Handout</p><img src="dot.svg" alt=""></body></html>'
    made: list[str] = []

    def fake_write_pdf(
        document_html: str, base_url: str, ui: Interface | None = None
    ) -> handout_pdf.HandoutPdf:
        made.append(document_html)
        return handout_pdf.HandoutPdf(pdf=f"%PDF {len(made)}".encode(), pages=len(made), ui=ui)

    monkeypatch.setattr(handout_pdf, "write_pdf", fake_write_pdf)

    def build(html: str = document) -> handout_pdf.HandoutPdf:
        handout_pdf._LAST.clear()  # a new process
        return handout_pdf.write_pdf_when_changed(html, docs, None, cache)

    first = build()
    assert len(made) == 1 and first.pdf == b"%PDF 1"
    again = build()
    assert len(made) == 1 and (again.pdf, again.pages) == (first.pdf, first.pages)
    (docs / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>', "utf-8")
    assert build().pdf == b"%PDF 2"  # a file it shows changed
    assert build(document.replace("Handout", "Handout!")).pdf == b"%PDF 3"
    assert build(document.replace("Handout", "Handout!")).pdf == b"%PDF 3" and len(made) == 3
    (cache / "handout-docs.pdf").write_bytes(b"%PDF broken")  # a damaged cache is not used
    assert build(document.replace("Handout", "Handout!")).pdf == b"%PDF 4"
    monkeypatch.setattr(handout_pdf, "_renderer_versions", lambda: "weasyprint==0")
    assert build(document.replace("Handout", "Handout!")).pdf == b"%PDF 5"  # a new WeasyPrint


def test_each_language_keeps_its_own_cached_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both languages read their pictures from docs/, but each keeps its own cached PDF: one
    shared file would be overwritten by the other language on every build."""
    docs = tmp_path / "docs"
    docs.mkdir()
    cache = tmp_path / ".cache"
    made: list[str] = []

    def fake_write_pdf(
        document_html: str, base_url: str, ui: Interface | None = None
    ) -> handout_pdf.HandoutPdf:
        made.append(document_html)
        return handout_pdf.HandoutPdf(pdf=f"%PDF {len(made)}".encode(), pages=1, ui=ui)

    monkeypatch.setattr(handout_pdf, "write_pdf", fake_write_pdf)
    pages = {"docs": "<p>Handout</p>", "docs-es": "<p>Hoja informativa</p>"}
    for _ in range(2):  # two builds, each a new process
        for name, html in pages.items():
            handout_pdf._LAST.clear()
            handout_pdf.write_pdf_when_changed(html, docs, None, cache, name)
    assert len(made) == 2, "a language's PDF was made again although nothing changed"
    assert {path.name for path in cache.glob("*.pdf")} == {
        "handout-docs.pdf",
        "handout-docs-es.pdf",
    }


def test_spanish_handout_sources_have_their_spanish_notes(built_site: Path) -> None:
    """A source's `es:` text (docs/handout.md front matter) is what the Spanish PDF and page show."""
    meta, _ = read_front_matter((ROOT / "docs" / "handout.md").read_text(encoding="utf-8"))
    translated = [item for item in meta["sources"] if isinstance(item, dict) and item.get("es")]
    assert translated, "no source in docs/handout.md has an es: text"

    def squeezed(text: str) -> str:  # PDF lines break anywhere, even after "119(1):"
        return re.sub(r"\s+", "", text)

    spanish_pdf = squeezed(pdf_text(built_site / "es" / PDF))
    english_pdf = squeezed(pdf_text(built_site / PDF))
    spanish_page = (built_site / "es" / "handout" / "index.html").read_text(encoding="utf-8")
    for item in translated:
        assert squeezed(item["es"]) in spanish_pdf, item["es"]
        assert squeezed(item["text"]) not in spanish_pdf, item["text"]
        assert squeezed(item["text"]) in english_pdf, item["text"]
        assert item["es"].split(" (")[-1][:20] in spanish_page, item["es"]
    assert "soreness after needling" not in spanish_page
