"""The Spanish site in the built site: language switch, hreflang, sitemaps, 404, search,
plain Spanish (INFLESZ table), and staying in step end to end."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
from browser_helpers import built_pages, open_ready
from conftest import ROOT, build_site
from test_content import search_result_pages

from scripts.checks import spanish_readability
from scripts.translations import source_hash

SITE = "https://example.github.io/dry-needling/"
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')


def pages(built_site: Path) -> list[str]:
    return [p for p in built_pages(built_site) if not p.endswith("404.html")]


def page_html(built_site: Path, path: str) -> str:
    return (built_site / path / "index.html").read_text(encoding="utf-8")


def test_every_page_has_its_other_language(built_site: Path) -> None:
    english = {p for p in pages(built_site) if not p.startswith("es/")}
    spanish = {p.removeprefix("es/") for p in pages(built_site) if p.startswith("es/")}
    assert english == spanish and len(english) >= 16


def test_hreflang_is_absolute_reciprocal_and_canonical_is_own(built_site: Path) -> None:
    for path in pages(built_site):
        html = page_html(built_site, path)
        links = dict(ALTERNATE.findall(html))
        slug = path.removeprefix("es/")
        assert links == {
            "en": SITE + slug,
            "es": SITE + "es/" + slug,
            "x-default": SITE + slug,
        }, path
        assert CANONICAL.findall(html) == [SITE + path], path
        other = "es/" + slug if path == slug else slug
        back = dict(ALTERNATE.findall(page_html(built_site, other)))
        assert back == links, f"{path} and {other} must name each other"
        lang = "es" if path.startswith("es/") else "en"
        assert f'<html lang="{lang}"' in html, path


def test_switch_link_has_lang_and_hreflang(built_site: Path) -> None:
    for path in pages(built_site):
        html = page_html(built_site, path)
        if path.startswith("es/"):
            assert re.search(r'<a href="[^"]+" lang="en" hreflang="en">English</a>', html), path
        else:
            assert re.search(r'<a href="[^"]+" lang="es" hreflang="es">Español</a>', html), path


def test_one_sitemap_per_language(built_site: Path) -> None:
    english = re.findall(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text())
    spanish = re.findall(r"<loc>([^<]+)</loc>", (built_site / "es" / "sitemap.xml").read_text())
    assert english and not [url for url in english if "/es/" in url]
    assert spanish and all(url.startswith(SITE + "es/") for url in spanish)
    assert len(english) == len(spanish)


def test_root_404_is_bilingual(built_site: Path) -> None:
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert '<div class="not-found" lang="en">' in html and "Page not found" in html
    spanish = html.split('<div class="not-found" lang="es">', 1)[1]
    assert "Página no encontrada" in spanish and f'href="{SITE}es/"' in spanish


def test_spanish_handout_pdf(built_site: Path) -> None:
    from pypdf import PdfReader

    pdf = built_site / "es" / "handout" / "trigger-point-dry-needling-handout.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) <= 2
    assert reader.trailer["/Root"].get("/Lang") == "es"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    first_page = " ".join((reader.pages[0].extract_text() or "").split())
    for words in ("Cuándo llamarnos", "Llame al 911", "falta de aire", "Página 1 de"):
        assert words in first_page, f"'{words}' is not on page 1 of the Spanish handout"
    assert "Page 1" not in first_page
    html = page_html(built_site, "es/handout/")
    assert re.search(r'<a class="handout-link" [^>]*>Descargue la hoja informativa \(PDF', html)


def test_spanish_pages_read_easily(built_site: Path) -> None:
    """INFLESZ (Szigriszt-Pazos) of every Spanish page's article: each >= 65, mean >= 70."""
    scores = {}
    for path in pages(built_site):
        if path.startswith("es/"):
            html = page_html(built_site, path)
            article = html.split("<article", 1)[1].split("</article>", 1)[0]
            score = spanish_readability.page_score(article)
            assert score is not None, path
            scores[path] = score
    print("\nSpanish page            INFLESZ  band             words  sentences")
    for path, score in sorted(scores.items(), key=lambda item: item[1].value):
        print(f"{path:24}{score.value:7.1f}  {score.band:16} {score.words:6} {score.sentences:9}")
    mean = statistics.mean(score.value for score in scores.values())
    print(f"{'mean':24}{mean:7.1f}")
    low = {path: s.value for path, s in scores.items() if s.value < spanish_readability.MIN_PAGE}
    assert not low, low
    assert mean >= spanish_readability.MIN_MEAN


@pytest.mark.browser
def test_switch_goes_to_the_same_page_both_ways(browser: object, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    for path in ("", "safety/", "referred-pain/"):
        open_ready(page, site_url + path)
        page.locator('a[hreflang="es"]', has_text="Español").click()
        page.wait_for_load_state()
        assert page.url == site_url + "es/" + path
        assert page.locator("html").get_attribute("lang") == "es"
        page.locator('a[hreflang="en"]', has_text="English").click()
        page.wait_for_load_state()
        assert page.url == site_url + path
    page.close()


SPANISH_SEARCHES = {
    "nudo": ("trigger-points/",),
    "dolor": ("referred-pain/",),
    "embarazada": ("safety/",),
    "anticoagulante": ("safety/",),
    "cuántas sesiones": ("faq/", "what-to-expect/"),
}


@pytest.mark.browser
def test_spanish_search_finds_the_right_page(browser: object, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    misses = {}
    for query, expected in SPANISH_SEARCHES.items():
        found = search_result_pages(page, site_url + "es/", query)[:3]
        if not set(expected) & set(found):
            misses[query] = found
    page.close()
    assert not misses, f"Spanish searches without the right page in the top 3: {misses}"


def test_a_changed_english_page_stops_the_build_unless_marked(bilingual_project: Path) -> None:
    """Edit two English pages: the Spanish safety page fails the build with its file and line;
    the FAQ, marked out of date on purpose, is a notice and its page links to the English one."""
    for name in ("safety.md", "faq.md"):
        english = bilingual_project / "docs" / name
        english.write_text(english.read_text(encoding="utf-8") + "\nDrink water.\n", "utf-8")
    faq = bilingual_project / "docs-es" / "faq.md"
    faq.write_text(
        faq.read_text(encoding="utf-8").replace("---\n", "---\nout_of_date: true\n", 1), "utf-8"
    )
    site = bilingual_project / "site"
    result = build_site(bilingual_project, site)
    assert result.returncode != 0
    new_hash = source_hash((bilingual_project / "docs" / "safety.md").read_text(encoding="utf-8"))
    assert re.search(
        r"docs-es/safety\.md:\d+: the English page docs/safety\.md changed since this translation\. "
        rf"Update the Spanish text, then set source_hash: {new_hash}",
        result.stderr,
    ), result.stderr[-3000:]
    assert "docs-es/faq.md:1: this translation is published out of date on purpose" in result.stderr
    faq_html = (site / "es" / "faq" / "index.html").read_text(encoding="utf-8")
    assert "Esta traducción no está al día" in faq_html
    assert re.search(r'<a href="\.\./\.\./faq/" hreflang="en">la página en inglés</a>', faq_html)
    assert "Traceback" not in result.stderr


def test_a_translation_without_its_english_page_has_one_message(bilingual_project: Path) -> None:
    """A Spanish page left behind when its English page was renamed: that problem only, not
    the English front matter's rules or the menu's, which would only repeat it."""
    spanish = bilingual_project / "docs-es"
    (spanish / "privacy.md").rename(spanish / "old-privacy.md")
    result = build_site(bilingual_project, bilingual_project / "site")
    assert result.returncode != 0
    about = [line for line in result.stderr.splitlines() if "docs-es/old-privacy.md" in line]
    assert len(about) == 1 and "there is no English page docs/old-privacy.md" in about[0], about
    assert "docs/privacy.md:1: this page has no Spanish translation yet" in result.stderr


def test_spanish_front_matter_holds_only_its_own_keys() -> None:
    for page in sorted((ROOT / "docs-es").glob("*.md")):
        head = page.read_text(encoding="utf-8").split("---", 2)[1]
        for key in ("last_reviewed", "next_review", "sources"):
            assert f"\n{key}:" not in head, f"{page.name} copies {key} from the English page"


@pytest.mark.browser
def test_spanish_body_map_speaks_spanish(browser: object, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    open_ready(page, site_url + "es/referred-pain/")
    page.get_by_label("Sien", exact=True).check()
    names = page.locator(".pain-map__results li:visible h3").all_inner_texts()
    assert {"Trapecio superior", "Temporal"} <= set(names)
    assert "Esternocleidomastoideo" not in names  # its pattern in the brief has no temple
    summary = page.locator(".pain-map__summary").inner_text()
    assert "músculos pueden causar dolor en los lugares que marcó" in summary, summary
    assert page.locator(".pain-map__jump").inner_text().startswith("Ver los")
    page.locator(".pain-map__muscle:visible .pain-map__show").first.click()
    assert page.locator(".pain-map__showing").inner_text().startswith("El mapa muestra el ")
    page.close()
