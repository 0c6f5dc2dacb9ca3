"""scripts/steps/theme_fixes.py: no `autocomplete` on checkboxes, no prefetched next page; the rest untouched."""

from __future__ import annotations

from pathlib import Path

from scripts.steps.theme_fixes import (
    drop_checkbox_autocomplete,
    drop_prev_next_links,
    drop_unused_translations,
)


def test_autocomplete_goes_from_checkboxes_only() -> None:
    page = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="text" name="query" autocomplete="off">'
    )
    assert drop_checkbox_autocomplete(page) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input type="text" name="query" autocomplete="off">'
    )


def test_built_pages_have_no_checkbox_autocomplete(built_site: Path) -> None:
    offenders = [
        str(page.relative_to(built_site))
        for page in built_site.rglob("*.html")
        if drop_checkbox_autocomplete(text := page.read_text(encoding="utf-8")) != text
    ]
    assert not offenders, f"checkbox inputs with autocomplete (W3C Nu error) in: {offenders}"


def test_prev_and_next_links_go_from_the_head_only() -> None:
    page = (
        '<head><link rel="prev" href="../a/">\n<link rel="next" href="../b/">\n'
        '<link rel="canonical" href="x"></head><body><a rel="next" href="../b/">Next</a></body>'
    )
    assert drop_prev_next_links(page) == (
        '<head><link rel="canonical" href="x"></head><body><a rel="next" href="../b/">Next</a></body>'
    )


def test_built_pages_make_firefox_prefetch_nothing(built_site: Path) -> None:
    """Firefox downloads every `<link rel="next">` page in the background (about 25 KB)."""
    offenders = [
        str(page.relative_to(built_site))
        for page in built_site.rglob("*.html")
        if '<link rel="next"' in page.read_text(encoding="utf-8")
        or '<link rel="prev"' in page.read_text(encoding="utf-8")
    ]
    assert not offenders, f"<link rel=prev/next> (Firefox prefetches it) in: {offenders}"


def test_material_skips_sitemap_fetches_for_hreflang_links() -> None:
    from scripts.steps.theme_fixes import skip_alternate_sitemaps

    bundle = 'e.pipe(b(()=>M("link[rel=alternate]")),m(r=>new URL(r.href)))'
    assert skip_alternate_sitemaps(bundle) == (
        'e.pipe(b(()=>M("link[rel=alternate]:not([hreflang])")),m(r=>new URL(r.href)))'
    )


def test_the_built_bundle_is_fixed(built_site) -> None:  # type: ignore[no-untyped-def]
    (bundle,) = (built_site / "assets" / "javascripts").glob("bundle*.js")
    assert "link[rel=alternate]:not([hreflang])" in bundle.read_text(encoding="utf-8")


def test_config_loses_only_the_words_of_features_that_are_off() -> None:
    config = (
        '<script id="__config" type="application/json">{"features":["search.highlight"],'
        '"translations":{"clipboard.copy":"Copy","search.result.none":"Nada </b>",'
        '"select.version":"V"},"version":null}</script>'
    )
    assert drop_unused_translations(config) == (
        '<script id="__config" type="application/json">{"features":["search.highlight"],'
        '"translations":{"search.result.none":"Nada <\\/b>"},"version":null}</script>'
    )
    with_copy = config.replace('"search.highlight"', '"content.code.copy"')
    assert drop_unused_translations(with_copy) == with_copy


def test_built_pages_keep_the_search_words(built_site: Path) -> None:
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert '"search.result.placeholder"' in page and '"clipboard.copy"' not in page
